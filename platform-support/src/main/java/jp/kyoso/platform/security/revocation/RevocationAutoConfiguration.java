package jp.kyoso.platform.security.revocation;

import jp.kyoso.platform.revocation.RevocationFeed;
import jp.kyoso.platform.revocation.RevokedTokens;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The revocation list and its feed, in every servlet service that has Kafka (the bootstrap servers are Boot's
 * {@code spring.kafka.bootstrap-servers}). A service puts {@link RevokedTokenFilter} into its security chain.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(RevocationProperties.class)
@ConditionalOnProperty(name = "kyoso.security.revocations.enabled", havingValue = "true", matchIfMissing = true)
public class RevocationAutoConfiguration {

    @Bean
    RevokedTokens revokedTokens(RevocationProperties properties) {
        return new RevokedTokens(properties.tokenLifetime());
    }

    @Bean
    @ConditionalOnBean(KafkaProperties.class)
    RevocationFeed revocationFeed(RevokedTokens revokedTokens, RevocationProperties properties,
                                  KafkaProperties kafka, Environment environment,
                                  org.springframework.beans.factory.ObjectProvider<jp.kyoso.platform.consumer.TrustedSources> trustedSources) {
        String application = environment.getProperty("spring.application.name", "kyoso");
        // Boot's consumer settings: the same brokers and, where the broker asks for it, the same credentials
        return new RevocationFeed(kafka.buildConsumerProperties(), application + "-revocations-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                properties.topic(), revokedTokens, trusted(trustedSources.getIfAvailable(), properties.topic()));
    }

    /** The sources trusted on the topic (platform-support's TrustedSources), members-service's by default. */
    private static java.util.List<String> trusted(jp.kyoso.platform.consumer.TrustedSources sources, String topic) {
        java.util.List<String> allowed = sources == null ? null : sources.allowedOn(topic);
        return allowed == null || allowed.isEmpty() ? java.util.List.of(RevocationFeed.MEMBERS_SERVICE_SOURCE) : allowed;
    }
}
