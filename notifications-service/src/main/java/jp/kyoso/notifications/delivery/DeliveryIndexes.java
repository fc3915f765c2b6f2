package jp.kyoso.notifications.delivery;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.kyoso.notifications.retention.RetentionProperties;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The indexes of {@code deliveries} (the delivery log) and {@code delivery_queue}, one per query shape (equality,
 * sort, range). Reads and writes by {@code _id} (create, claim, record, find, the announcement's mail, the sweeper's
 * conditional requeue) need none.
 */
@Component
class DeliveryIndexes implements InitializingBean {
    private final Indexes indexes;
    private final RetentionProperties retention;

    DeliveryIndexes(Indexes indexes, RetentionProperties retention) {
        this.indexes = indexes;
        this.retention = retention;
    }

    @Override
    public void afterPropertiesSet() {
        String log = DeliveryStore.COLLECTION;
        // due(): delivery_queue {channel, dueAt <= now} sorted dueAt, limit
        indexes.ensure(DeliveryStore.QUEUE, new Document("channel", 1).append("dueAt", 1),
                Indexes.named("queue_channel_due"));
        // the delivery log page(): {status $in} (all statuses when not filtered) + keyset, sorted createdAt desc
        indexes.ensure(log, new Document("status", 1).append("createdAt", -1).append("_id", -1),
                Indexes.named("deliveries_status_newest"));
        // page() with a channel: {channel, status $in} + keyset, sorted createdAt desc
        indexes.ensure(log, new Document("channel", 1).append("status", 1).append("createdAt", -1).append("_id", -1),
                Indexes.named("deliveries_channel_status_newest"));
        // sweep(): {status $in [PENDING, RETRYING], leaseUntil < now} ...
        indexes.ensure(log, new Document("status", 1).append("leaseUntil", 1), Indexes.named("deliveries_lease"));
        // ... or {status $in, leaseUntil absent, updatedAt < now - lease}; and the retention purge
        // purgeOverBefore(): {status: SENT|FAILED, updatedAt < cutoff} sorted updatedAt
        indexes.ensure(log, new Document("status", 1).append("updatedAt", 1),
                Indexes.named("deliveries_status_updated"));
        // retention on real MongoDB: a delivery that is over expires after kyoso.notifications.retention.deliveries
        // (a waiting one never: it is not in this index)
        indexes.ensure(log, new Document("updatedAt", 1), Indexes.named("deliveries_over_ttl")
                .partialFilterExpression(new Document("status", new Document("$in",
                        List.of(DeliveryStatus.SENT.name(), DeliveryStatus.FAILED.name()))))
                .expireAfter(retention.deliveries().toSeconds(), TimeUnit.SECONDS));
        // erase(): {memberId, status $in [PENDING, RETRYING]} and {memberId}
        indexes.ensure(log, new Document("memberId", 1).append("status", 1),
                Indexes.onlyWith("deliveries_member", "memberId"));
        // earlierInLine(): {webhookKey, channel: SLACK, status $in [PENDING, RETRYING], (order, _id) < (o, id)}
        // sorted order, _id, limit 1 (only Slack messages have a webhookKey)
        indexes.ensure(log, new Document("webhookKey", 1).append("status", 1).append("order", 1).append("_id", 1),
                Indexes.onlyWith("deliveries_webhook_line", "webhookKey"));
        // countForEvent(): {eventId, channel[, status]} counts (announcement progress)
        indexes.ensure(log, new Document("eventId", 1).append("channel", 1).append("status", 1),
                Indexes.onlyWith("deliveries_event_status", "eventId"));
        // lastChangeForEvent(): {eventId, channel} sorted updatedAt desc, limit 1
        indexes.ensure(log, new Document("eventId", 1).append("channel", 1).append("updatedAt", -1),
                Indexes.onlyWith("deliveries_event_updated", "eventId"));
        // HandoverInvitationMails.erase(): {kind, predecessorId, status $in} and {kind, predecessorId}
        indexes.ensure(log, new Document("predecessorId", 1).append("kind", 1).append("status", 1),
                Indexes.onlyWith("deliveries_predecessor", "predecessorId"));
        indexes.dropObsolete(log, List.of("createdAt_-1__id_-1", "status_1_leaseUntil_1", "memberId_1",
                "webhookKey_1_status_1_order_1", "eventId_1_channel_1_status_1", "predecessorId_1_kind_1"));
    }
}
