package jp.kyoso.notifications.store;

import jp.kyoso.platform.secrets.KeyEncryptionKeys;
import jp.kyoso.platform.secrets.SecretSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The key-encryption key that seals the Slack webhook URLs at rest (KYOSO_KEK / KYOSO_KEK_FILE, previous ones in
 * KYOSO_KEK_PREVIOUS / KYOSO_KEK_PREVIOUS_FILE). Without one the service does not start (README, "Secrets at rest").
 */
@Configuration
class KeyEncryptionConfig {

    @Bean
    SecretSealer secretSealer(Environment environment) {
        return KeyEncryptionKeys.fromEnvironment(environment, "notifications-service");
    }
}
