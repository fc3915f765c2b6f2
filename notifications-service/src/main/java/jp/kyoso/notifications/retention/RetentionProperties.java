package jp.kyoso.notifications.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the inbox and the delivery log are kept.
 *
 * @param inbox         age (since {@code createdAt}) after which a notice leaves the inbox, read or not
 * @param deliveries    age (since the last change, {@code updatedAt}) after which a SENT or FAILED delivery leaves the
 *                      delivery log; deliveries still waiting (PENDING, RETRYING) stay whatever their age
 * @param purgeInterval how often the purge looks for what has expired
 * @param batchSize     documents per step of the purge, so that one run never holds a large delete
 */
@ConfigurationProperties("kyoso.notifications.retention")
public record RetentionProperties(Duration inbox, Duration deliveries, Duration purgeInterval, Integer batchSize) {
    /**
     * The TTL index of the inbox expires a notice this long after the purge would have: on real MongoDB the purge (which
     * keeps the unread counters right) comes first, and the TTL monitor only catches what a stopped service left.
     */
    public static final Duration INBOX_TTL_MARGIN = Duration.ofDays(1);

    public RetentionProperties {
        inbox = inbox == null ? Duration.ofDays(365) : inbox;
        deliveries = deliveries == null ? Duration.ofDays(90) : deliveries;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        batchSize = batchSize == null ? 1000 : batchSize;
        if (inbox.isNegative() || inbox.isZero() || deliveries.isNegative() || deliveries.isZero()) {
            throw new IllegalArgumentException("kyoso.notifications.retention.inbox and .deliveries must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("kyoso.notifications.retention.batch-size must be at least 1");
        }
    }
}
