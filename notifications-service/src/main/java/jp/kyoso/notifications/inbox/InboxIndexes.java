package jp.kyoso.notifications.inbox;

import java.util.List;
import jp.kyoso.notifications.retention.RetentionProperties;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The indexes of {@code notifications} (the inbox), one per query shape (equality first, then the sort, then ranges).
 * {@code inbox_counters} is only read and written by key; {@code inbox_broadcasts} has its own three. The table in README.md ("Indexes") lists them too.
 */
@Component
class InboxIndexes implements InitializingBean {
    private final Indexes indexes;
    private final RetentionProperties retention;

    InboxIndexes(Indexes indexes, RetentionProperties retention) {
        this.indexes = indexes;
        this.retention = retention;
    }

    @Override
    public void afterPropertiesSet() {
        String inbox = InboxStore.COLLECTION;
        // page(): {memberId} (+ keyset on createdAt, _id) sorted createdAt desc, _id desc, limit; missedSince() walks it
        // backwards
        indexes.ensure(inbox, new Document("memberId", 1).append("createdAt", -1).append("_id", -1),
                Indexes.named("inbox_member_newest"));
        // page(unreadOnly), markAllRead() {memberId, read: false}, the counter's first count
        indexes.ensure(inbox, new Document("memberId", 1).append("read", 1).append("createdAt", -1).append("_id", -1),
                Indexes.named("inbox_member_unread_newest"));
        // waitingForDigest(): {memberId $in, mailMode: DIGEST, read: false, digestedIn absent} sorted createdAt desc;
        // only notices that still wait for a digest are in it
        indexes.ensure(inbox, new Document("memberId", 1).append("digestedIn", 1).append("createdAt", -1),
                Indexes.named("inbox_digest_waiting").partialFilterExpression(
                        new Document("mailMode", InboxStore.DIGEST).append("read", false)));
        // inDigests(): {digestedIn $in} sorted createdAt desc
        indexes.ensure(inbox, new Document("digestedIn", 1).append("createdAt", -1),
                Indexes.onlyWith("inbox_digested_in", "digestedIn"));
        // deleteForPost(): {postId, read: false} (who had it unread), {postId, read: false, memberId}, {postId}
        indexes.ensure(inbox, new Document("postId", 1).append("read", 1).append("memberId", 1),
                Indexes.onlyWith("inbox_post", "postId"));
        // erase(): {actorId} (the actor's name goes)
        indexes.ensure(inbox, new Document("actorId", 1), Indexes.onlyWith("inbox_actor", "actorId"));
        // retention: purgeCreatedBefore() {createdAt < cutoff} sorted createdAt; on real MongoDB also a TTL index,
        // a day after the purge's age, so that the purge (which keeps the counters) comes first
        indexes.ensure(inbox, new Document("createdAt", 1), Indexes.named("inbox_expiry").expireAfter(
                retention.inbox().plus(RetentionProperties.INBOX_TTL_MARGIN).toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS));
        String broadcasts = Broadcasts.COLLECTION;
        // BroadcastCopies.catchUp(): {createdAt > upTo} sorted createdAt, limit; retention: {createdAt < cutoff}, and
        // on real MongoDB a TTL index a day after the purge's age, like the inbox's
        indexes.ensure(broadcasts, new Document("createdAt", 1), Indexes.named("broadcast_created").expireAfter(
                retention.inbox().plus(RetentionProperties.INBOX_TTL_MARGIN).toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS));
        // deleteForPost(): {postId}
        indexes.ensure(broadcasts, new Document("postId", 1), Indexes.onlyWith("broadcast_post", "postId"));
        // erase(): {actorId} (the actor's name goes)
        indexes.ensure(broadcasts, new Document("actorId", 1), Indexes.onlyWith("broadcast_actor", "actorId"));
        // the indexes of earlier versions that no query needs any more
        indexes.dropObsolete(inbox, List.of("memberId_1_read_1", "postId_1", "digestedIn_1", "actorId_1"));
    }
}
