package jp.kyoso.notifications;

import java.nio.file.Path;
import jp.kyoso.testhttp.MessageFiles;
import org.junit.jupiter.api.Test;

class MessageFileTest {
    @Test
    void theMessageFileHoldsExactlyTheKeysTheCodeNames() {
        MessageFiles.assertInStepWithTheCode(Path.of("src/main/resources/i18n/notifications.properties"),
                Path.of("src/main/java"));
    }
}
