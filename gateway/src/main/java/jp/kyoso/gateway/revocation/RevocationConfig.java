package jp.kyoso.gateway.revocation;

import jp.kyoso.platform.revocation.RevocationFeed;
import jp.kyoso.platform.revocation.RevokedTokens;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
@EnableConfigurationProperties(RevocationProperties.class)
@ConditionalOnProperty(name = "kyoso.revocations.enabled", havingValue = "true", matchIfMissing = true)
class RevocationConfig {

    @Bean
    RevokedTokens revokedTokens(RevocationProperties properties) {
        return new RevokedTokens(properties.tokenLifetime());
    }

    /**
     * The client settings: the security ones the deployment gives every Kafka client of Kyoso
     * ({@code spring.kafka.security.protocol}, {@code spring.kafka.properties.*}, e.g. SASL/SCRAM under docker
     * compose), then {@code kyoso.revocations.kafka-properties}, and the brokers of {@code kyoso.revocations}.
     */
    @Bean
    RevocationFeed revocationFeed(RevokedTokens revokedTokens, RevocationProperties properties,
                                  Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, Object> kafka = new HashMap<>(binder.bind("spring.kafka.properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        binder.bind("spring.kafka.security.protocol", String.class)
                .ifBound(protocol -> kafka.put("security.protocol", protocol));
        kafka.putAll(properties.kafkaProperties());
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return new RevocationFeed(kafka,
                "gateway-revocations-" + UUID.randomUUID().toString().substring(0, 8), properties.topic(),
                revokedTokens);
    }

    @Bean
    RevokedTokenWebFilter revokedTokenWebFilter(RevokedTokens revokedTokens) {
        return new RevokedTokenWebFilter(revokedTokens);
    }
}
