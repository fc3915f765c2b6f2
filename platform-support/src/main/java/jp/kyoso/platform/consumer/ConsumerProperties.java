package jp.kyoso.platform.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param processedRetention how long a consumer remembers a handled event id; longer than any redelivery can come
 *                           late (consumer-group rebalances, the outbox relay resending after a crash)
 */
@ConfigurationProperties("kyoso.consumer")
public record ConsumerProperties(Duration processedRetention) {
    public ConsumerProperties {
        processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
    }
}
