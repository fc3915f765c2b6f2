package jp.kyoso.notifications.inbox;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code inbox_counters}: one small document per member, {@code {_id: memberId, unread}}, so that the unread count
 * (asked by every page of the web client) is one read by key instead of a count over the inbox.
 *
 * <p>It is kept where the inbox changes: {@code +n} for the notices an insert really wrote (a redelivered event
 * writes none), {@code -1} for a mark-read that changed a notice, {@code -n} for unread notices deleted (a deleted
 * post, the retention purge), {@code 0} after mark-all-read. The increments only touch a counter that exists: a member
 * without one (their notices predate the counter) gets it at the first read of the count, counted once on the index
 * {@code inbox_member_unread_newest}. A decrement never takes it below zero.
 *
 * <p>Counter and inbox are two writes without a transaction: an attempt that stops exactly between the insert and the
 * increment leaves those notices uncounted (the next attempt finds them stored, not new), and a notice written in the
 * very moment of a member's first count may be counted twice. Mark-all-read sets it right again.
 *
 * <p>The document also remembers {@code broadcastsUpTo}: the newest broadcast (an announcement stored once for all)
 * whose copy this member's inbox has (see {@link BroadcastCopies}).
 */
@Component
public class UnreadCounters {
    static final String COLLECTION = "inbox_counters";
    private static final String UNREAD = "unread";
    static final String BROADCASTS_UP_TO = "broadcastsUpTo";
    /** Each retry means another writer changed this one member's counter in between: a handful is plenty. */
    private static final int MAX_ATTEMPTS = 8;

    private final MongoTemplate mongo;

    public UnreadCounters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The member's unread count; counted from the inbox once if the member has no counter yet. */
    public long get(String memberId) {
        return unread(counter(memberId));
    }

    /** The count a counter document holds (null: none). */
    static long unread(Document counter) {
        return counter == null ? 0 : Math.max(0, ((Number) counter.get(UNREAD)).longValue());
    }

    /** The member's counter document, counted from the inbox and stored first if there is none yet. */
    Document counter(String memberId) {
        Document counter = mongo.findById(memberId, Document.class, COLLECTION);
        if (counter == null) {
            long counted = mongo.count(Query.query(Criteria.where("memberId").is(memberId).and("read").is(false)),
                    InboxStore.COLLECTION);
            Document fresh = new Document("_id", memberId).append(UNREAD, counted);
            try {
                mongo.insert(fresh, COLLECTION);
                return fresh;
            } catch (DuplicateKeyException raced) {
                // another request counted at the same moment: its counter is the one that is kept up to date
                counter = mongo.findById(memberId, Document.class, COLLECTION);
            }
        }
        return counter;
    }

    /** The newest broadcast the member's inbox has caught up with ({@link BroadcastCopies}); never goes back. */
    void broadcastsUpTo(String memberId, Date createdAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)),
                new Update().max(BROADCASTS_UP_TO, createdAt), COLLECTION);
    }

    /** New unread notices per member; members without a counter are left to their first count. */
    void added(Map<String, Integer> perMember) {
        List<WriteModel<Document>> increments = new ArrayList<>(perMember.size());
        perMember.forEach((memberId, count) -> {
            if (count > 0) {
                increments.add(new UpdateOneModel<>(new Document("_id", memberId),
                        new Document("$inc", new Document(UNREAD, count))));
            }
        });
        if (!increments.isEmpty()) {
            mongo.getCollection(COLLECTION).bulkWrite(increments, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * {@code count} unread notices of the member were read or deleted. Usually one conditional decrement; a counter
     * that was already too low (see above) stops at zero, and only if no notice arrived since it was read: an
     * increment in between would otherwise be lost, or leave the decrement undone.
     */
    void removed(String memberId, long count) {
        if (count <= 0) {
            return;
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId).and(UNREAD).gte(count)),
                    new Update().inc(UNREAD, -count), COLLECTION).getMatchedCount() > 0) {
                return;
            }
            Document counter = mongo.findById(memberId, Document.class, COLLECTION);
            if (counter == null) {
                return;
            }
            Object seen = counter.get(UNREAD);
            if (((Number) seen).longValue() < count && mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(memberId).and(UNREAD).is(seen)),
                    new Update().set(UNREAD, 0), COLLECTION).getMatchedCount() > 0) {
                return;
            }
            // notices arrived since: decrement the grown counter instead
        }
    }

    /** Every notice of the member is read. */
    void allRead(String memberId) {
        mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), new Update().set(UNREAD, 0), COLLECTION);
    }

    void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where("_id").is(memberId)), COLLECTION);
    }
}
