package jp.kyoso.platform.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param processedRetention how long a consumer remembers a handled event id; longer than any redelivery can come
 *                           late (consumer-group rebalances, the outbox relay resending after a crash)
 * @param purgeInterval      how often marks past that retention are removed (for servers without TTL indexes)
 * @param markLinger         how long a handled event's mark may wait to be written with others, off the consumer's
 *                           thread (ProcessedEvents, MarkWriter); zero writes each before the next record
 * @param commitInterval     how often each binding's consumer commits its offsets (OffsetCommitInterval); a crash
 *                           replays at most this much, which the marks and idempotent handlers absorb
 */
@ConfigurationProperties("kyoso.consumer")
public record ConsumerProperties(Duration processedRetention, Duration purgeInterval, Duration markLinger,
                                 Duration commitInterval) {
    public ConsumerProperties {
        processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        markLinger = markLinger == null ? Duration.ofMillis(50) : markLinger;
        commitInterval = commitInterval == null ? Duration.ofSeconds(1) : commitInterval;
    }
}
