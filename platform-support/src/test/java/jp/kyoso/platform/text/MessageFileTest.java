package jp.kyoso.platform.text;

import java.nio.file.Path;
import jp.kyoso.testhttp.MessageFiles;
import org.junit.jupiter.api.Test;

class MessageFileTest {
    @Test
    void everyKeyTheCodeNamesIsInTheMessageFileAndEveryKeyThereIsNamed() {
        MessageFiles.assertInStepWithTheCode(Path.of("src/main/resources/i18n/platform.properties"),
                Path.of("src/main/java"));
    }
}
