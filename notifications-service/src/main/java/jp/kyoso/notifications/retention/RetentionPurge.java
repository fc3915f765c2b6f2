package jp.kyoso.notifications.retention;

import java.time.Clock;
import java.time.Instant;
import jp.kyoso.notifications.delivery.DeliveryStatus;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.inbox.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what has outlived its retention: notices and broadcasts older than
 * {@code kyoso.notifications.retention.inbox} (adjusting the unread counters) and deliveries that are over (SENT, FAILED) and unchanged for
 * {@code kyoso.notifications.retention.deliveries}. The embedded MongoDB-wire server has no TTL monitor, so this is
 * what bounds the collections there; on real MongoDB the TTL indexes are there too, the inbox's a day later, so that
 * the purge (which keeps the counters) comes first. Works in batches of {@code batch-size} on the time indexes, so that
 * no run holds one large delete; several instances purging at once only find less to do.
 */
@Component
public class RetentionPurge {
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final InboxStore inbox;
    private final DeliveryStore deliveries;
    private final RetentionProperties properties;
    private final Clock clock;

    public RetentionPurge(InboxStore inbox, DeliveryStore deliveries, RetentionProperties properties, Clock clock) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kyoso.notifications.retention.purge-interval:1h}",
            initialDelayString = "${kyoso.notifications.retention.purge-interval:1h}")
    public void purgeExpired() {
        try {
            Purged purged = purge(clock.instant());
            if (purged.notices() + purged.deliveries() > 0) {
                log.info("Retention: deleted {} notices and {} deliveries", purged.notices(), purged.deliveries());
            }
        } catch (RuntimeException e) {
            log.warn("Retention purge failed, will retry: {}", e.toString());
        }
    }

    /** What one run deleted. */
    public record Purged(long notices, long deliveries) {
    }

    /** Deletes everything that has expired at {@code now}, batch by batch. */
    public Purged purge(Instant now) {
        int batch = properties.batchSize();
        Instant inboxCutoff = now.minus(properties.inbox());
        long notices = 0;
        int found;
        do {
            found = inbox.purgeCreatedBefore(inboxCutoff, batch);
            notices += found;
        } while (found == batch);
        notices += inbox.purgeBroadcastsBefore(inboxCutoff);
        Instant deliveryCutoff = now.minus(properties.deliveries());
        long gone = 0;
        for (DeliveryStatus over : new DeliveryStatus[] {DeliveryStatus.SENT, DeliveryStatus.FAILED}) {
            do {
                found = deliveries.purgeOverBefore(over, deliveryCutoff, batch);
                gone += found;
            } while (found == batch);
        }
        return new Purged(notices, gone);
    }
}
