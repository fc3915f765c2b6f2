package jp.kyoso.notifications.inbox;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code inbox_broadcasts}: a notice meant for every active member (an announcement), stored once instead of once per
 * member ({@code _id} = the event id). Writing 100,000 notices with their index entries took the embedded MongoDB-wire
 * server 24 s on two cores; one document is in every inbox at once. Each member's own copy, with its read state, is
 * written the first time that member's inbox is looked at ({@link InboxStore#catchUp}), under the same id it always
 * had ({@code <memberId>:<eventId>}), so reading, marking, the live stream and the counters see no difference.
 *
 * <p>A broadcast is for the members who were active when it was stored, but not its author: {@code authorId} and
 * {@code createdAt} say who is left out. It goes with its post, with the inbox's retention, and its author's name goes
 * when the author is erased, like the notices' own.
 */
@Component
class Broadcasts {
    static final String COLLECTION = "inbox_broadcasts";
    static final String AUTHOR_ID = "authorId";

    private final MongoTemplate mongo;

    Broadcasts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores the broadcast unless the event's is there already (a retried or redelivered event), and returns it as it
     * is stored: a repeated event keeps the first one's time, so that nobody's copy moves in their inbox.
     */
    Stored store(Document broadcast) {
        try {
            mongo.insert(broadcast, COLLECTION);
            return new Stored(broadcast, true);
        } catch (DuplicateKeyException repeated) {
            Document first = mongo.findById(broadcast.get("_id"), Document.class, COLLECTION);
            return new Stored(first != null ? first : broadcast, false);
        }
    }

    /** A broadcast as stored, and whether this call stored it ({@code isNew}) or found it there. */
    record Stored(Document broadcast, boolean isNew) {
    }

    /** The broadcasts stored after {@code after} (or all, if null), oldest first, at most {@code limit}. */
    List<Document> after(Instant after, int limit) {
        Criteria criteria = Criteria.where("createdAt").gt(Date.from(after == null ? Instant.EPOCH : after));
        return mongo.find(Query.query(criteria).with(Sort.by("createdAt")).limit(limit), Document.class, COLLECTION);
    }

    Document find(String eventId) {
        return mongo.findById(eventId, Document.class, COLLECTION);
    }

    void deleteForPost(String postId) {
        mongo.remove(Query.query(Criteria.where("postId").is(postId)), COLLECTION);
    }

    /** Deletes the broadcasts created before the cutoff; returns how many. */
    long purgeCreatedBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("createdAt").lt(Date.from(cutoff))), COLLECTION)
                .getDeletedCount();
    }

    void eraseActor(String memberId) {
        mongo.updateMulti(Query.query(Criteria.where("actorId").is(memberId)),
                new Update().unset("actorName").set("actorErased", true), COLLECTION);
    }
}
