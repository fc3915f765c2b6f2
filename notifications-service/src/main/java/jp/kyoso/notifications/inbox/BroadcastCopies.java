package jp.kyoso.notifications.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.notifications.preference.PreferenceStore;
import jp.kyoso.notifications.preference.Preferences;
import jp.kyoso.notifications.store.BulkInserts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Brings a member's inbox up to date with the broadcasts ({@link Broadcasts}) before anything reads or marks it: each
 * broadcast stored since the last time becomes the member's own notice, unread and counted, under the id it has
 * always had ({@code <memberId>:<eventId>}). The counter document remembers how far the member has got
 * ({@code broadcastsUpTo}), so when nothing was broadcast since, catching up is one indexed query that finds nothing.
 *
 * <p>Left out, as the fan-out to every member left them out: the broadcast's author, a member who became active after
 * it, and a member who has switched its type off. Copies are written by key and only where missing, so two requests
 * catching up at once, or a copy the fan-out wrote already (for a member whose mail waits for the digest), count once.
 */
@Component
class BroadcastCopies {
    /**
     * Broadcasts are looked for again this far behind the newest one copied: one stored a moment before another can
     * be committed a moment after it, and would otherwise be passed over for good.
     */
    static final Duration LOOK_BACK = Duration.ofMinutes(1);
    private static final int BATCH = 200;
    private static final List<String> CONTENT_FIELDS = List.of("type", "createdAt", "actorId", "actorName",
            "actorErased", "postId", "replyId", "channel", "title", "snippet", "extra");

    private final MongoTemplate mongo;
    private final Broadcasts broadcasts;
    private final UnreadCounters counters;
    private final MemberDirectory members;
    private final PreferenceStore preferences;
    private final String origin;

    BroadcastCopies(MongoTemplate mongo, Broadcasts broadcasts, UnreadCounters counters, MemberDirectory members,
                    PreferenceStore preferences, InstanceId instanceId) {
        this.mongo = mongo;
        this.broadcasts = broadcasts;
        this.counters = counters;
        this.members = members;
        this.preferences = preferences;
        this.origin = instanceId.value();
    }

    /** Catches the member's inbox up; returns their counter document if that wrote no copy, otherwise null. */
    Document catchUp(String memberId) {
        Document counter = counters.counter(memberId);
        Date upTo = counter == null ? null : counter.getDate(UnreadCounters.BROADCASTS_UP_TO);
        Instant from = upTo == null ? null : upTo.toInstant().minus(LOOK_BACK);
        Member member = new Member(memberId);
        boolean copied = false;
        while (true) {
            List<Document> batch = broadcasts.after(from, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            int created = copy(member, batch);
            if (created < 0) {
                // not (or not yet) known here as an active member: nothing is written, and nothing is passed over
                return counter;
            }
            copied |= created > 0;
            Date newest = batch.get(batch.size() - 1).getDate("createdAt");
            if (upTo == null || newest.after(upTo)) {
                counters.broadcastsUpTo(memberId, newest);
                upTo = newest;
            }
            if (batch.size() < BATCH) {
                break;
            }
            from = newest.toInstant();
        }
        return copied ? null : counter;
    }

    /** Writes the member's missing copies of these broadcasts: how many, or -1 if the member is not active here. */
    private int copy(Member member, List<Document> batch) {
        List<String> ids = batch.stream().map(b -> NotificationContent.idFor(member.id, b.getString("_id"))).toList();
        Query present = Query.query(Criteria.where("_id").in(ids));
        present.fields().include("_id");
        Set<String> have = new HashSet<>();
        mongo.find(present, Document.class, InboxStore.COLLECTION).forEach(d -> have.add(d.getString("_id")));
        List<Document> copies = new ArrayList<>();
        for (Document broadcast : batch) {
            String id = NotificationContent.idFor(member.id, broadcast.getString("_id"));
            if (!have.contains(id) && !member.id.equals(broadcast.getString(Broadcasts.AUTHOR_ID))) {
                if (!member.active()) {
                    return -1;
                }
                if (member.receives(broadcast)) {
                    copies.add(copyOf(broadcast, member.id, id));
                }
            }
        }
        if (copies.isEmpty()) {
            return 0;
        }
        int created = copies.size()
                - BulkInserts.insertSkippingDuplicates(mongo.getCollection(InboxStore.COLLECTION), copies).size();
        counters.added(Map.of(member.id, created));
        return created;
    }

    private Document copyOf(Document broadcast, String memberId, String id) {
        Document copy = new Document("_id", id).append("memberId", memberId).append("read", false)
                .append("origin", origin);
        for (String field : CONTENT_FIELDS) {
            Object value = broadcast.get(field);
            if (value != null) {
                copy.append(field, value);
            }
        }
        return copy;
    }

    /** What decides whether a member gets a broadcast, read only when there is one to decide on. */
    private final class Member {
        private final String id;
        private MemberDirectory.Activation activation;
        private Preferences preferences;

        private Member(String id) {
            this.id = id;
        }

        /**
         * A former member gets nothing (their inbox was erased), nor does one whose activation has not reached this
         * service yet: they are caught up at a later look, once it has.
         */
        boolean active() {
            if (activation == null) {
                activation = members.activation(id);
            }
            return activation.active();
        }

        boolean receives(Document broadcast) {
            if (preferences == null) {
                preferences = BroadcastCopies.this.preferences.get(id);
            }
            Instant activatedAt = activation.activatedAt();
            return (activatedAt == null || !broadcast.getDate("createdAt").toInstant().isBefore(activatedAt))
                    && preferences.enabled(NotificationType.valueOf(broadcast.getString("type")));
        }
    }
}
