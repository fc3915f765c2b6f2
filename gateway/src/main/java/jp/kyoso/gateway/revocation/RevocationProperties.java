package jp.kyoso.gateway.revocation;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled          whether the gateway follows {@code MemberTokensRevoked} (off: revoked tokens pass the
 *                         gateway and are refused by the services only)
 * @param bootstrapServers the Kafka brokers ({@code KYOSO_KAFKA_BOOTSTRAP_SERVERS})
 * @param topic            where members-service publishes the revocations
 * @param tokenLifetime    members-service's access-token lifetime: how far back the gateway reads the revocations
 *                         when it starts, and how long it keeps them
 * @param kafkaProperties  further Kafka client settings, e.g. {@code security.protocol}, {@code sasl.mechanism},
 *                         {@code sasl.jaas.config} where the broker asks for credentials
 */
@ConfigurationProperties("kyoso.revocations")
public record RevocationProperties(Boolean enabled, String bootstrapServers, String topic, Duration tokenLifetime,
                                   Map<String, String> kafkaProperties) {
    public RevocationProperties {
        enabled = enabled == null || enabled;
        bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
        topic = topic == null ? "kyoso.members.v1" : topic;
        tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(15) : tokenLifetime;
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    }
}
