package jp.kyoso.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jp.kyoso.testhttp.MessageFiles;
import org.junit.jupiter.api.Test;

class MessageFileTest {
    @Test
    void everyKeyTheCodeNamesIsInTheMessageFileAndEveryKeyThereIsNamed() {
        MessageFiles.assertInStepWithTheCode(Path.of("src/main/resources/i18n/gateway.properties"),
                Path.of("src/main/java"));
    }

    @Test
    void textsAreReadAsUtf8AndArgumentsFilledIn() {
        assertThat(Messages.get("routing.service-unavailable", "posts"))
                .isEqualTo("サービス (posts) が一時的に応答していません。しばらくしてから再度お試しください / "
                        + "The posts service is not answering right now; please try again shortly");
    }
}
