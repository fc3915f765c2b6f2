package jp.kyoso.members;

import java.nio.file.Path;
import jp.kyoso.testhttp.MessageFiles;
import org.junit.jupiter.api.Test;

/** The message file holds exactly the keys the code looks up, so a renamed or forgotten key fails here, not in use. */
class MessageFileTest {
    @Test
    void theMessageFileAndTheCodeNameTheSameKeys() {
        MessageFiles.assertInStepWithTheCode(Path.of("src/main/resources/i18n/members.properties"),
                Path.of("src/main/java"));
    }
}
