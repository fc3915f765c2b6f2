package jp.kyoso.notifications.subscription;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code subscriptions}: one document per channel ({@code channel:<slug>}) or post ({@code post:<id>}) with the
 * members who watch it and those who muted it. Fan-out reads one document by its key per event instead of querying
 * per member, which the embedded MongoDB-wire server could only answer by scanning.
 */
@Component
public class SubscriptionStore {
    static final String COLLECTION = "subscriptions";

    private final MongoTemplate mongo;

    public SubscriptionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String channelKey(String slug) {
        return "channel:" + slug;
    }

    public static String postKey(String postId) {
        return "post:" + postId;
    }

    public Watchers get(String key) {
        Document document = mongo.findById(key, Document.class, COLLECTION);
        if (document == null) {
            return Watchers.NONE;
        }
        return new Watchers(true, new HashSet<>(document.getList("watching", String.class, List.of())),
                new HashSet<>(document.getList("muted", String.class, List.of())));
    }

    public void set(String key, String memberId, WatchLevel level) {
        Update update = new Update().set("updatedAt", Instant.now());
        switch (level) {
            case WATCHING -> update.addToSet("watching", memberId).pull("muted", memberId);
            case MUTED -> update.addToSet("muted", memberId).pull("watching", memberId);
            case NORMAL -> update.pull("watching", memberId).pull("muted", memberId);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(key)), update, COLLECTION);
    }

    /**
     * Authors and repliers watch a post, unless they muted it. The write is conditional on the member not being in
     * {@code muted}, so a MUTED that the member sets at the same moment is never overwritten.
     */
    public void watchAutomatically(String postId, String memberId) {
        String key = postKey(postId);
        Watchers current = get(key);
        if (current.levelOf(memberId) != WatchLevel.NORMAL) {
            return;
        }
        Update watch = new Update().addToSet("watching", memberId).set("updatedAt", Instant.now());
        if (current.known()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("muted").ne(memberId)), watch,
                    COLLECTION);
            return;
        }
        try {
            mongo.insert(new Document("_id", key).append("watching", List.of(memberId)).append("muted", List.of())
                    .append("updatedAt", Instant.now()), COLLECTION);
        } catch (DuplicateKeyException raced) {
            // written meanwhile (perhaps a MUTED): decide on what is there now
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("muted").ne(memberId)), watch,
                    COLLECTION);
        }
    }

    /** A channel or post someone watches, by its key, with everyone who watches or muted it. */
    public record Subscription(String key, Watchers watchers) {
    }

    /** Every channel and post the member watches (WATCHING), on the index of {@code watching}. */
    public List<Subscription> watchedBy(String memberId) {
        return mongo.find(Query.query(Criteria.where("watching").is(memberId)), Document.class, COLLECTION).stream()
                .map(document -> new Subscription(document.getString("_id"), new Watchers(true,
                        new HashSet<>(document.getList("watching", String.class, List.of())),
                        new HashSet<>(document.getList("muted", String.class, List.of()))))).toList();
    }

    /**
     * Makes the member watch a channel or post that somebody watches already, unless they muted it: conditional on
     * the member not being in {@code muted}, so a MUTED set at the same moment is never overwritten. Returns the
     * member's level after it: WATCHING, MUTED (kept), or NORMAL when nobody watches it any more (a deleted post).
     */
    public WatchLevel watchUnlessMuted(String key, String memberId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("muted").ne(memberId)),
                new Update().addToSet("watching", memberId).set("updatedAt", Instant.now()), COLLECTION);
        return get(key).levelOf(memberId);
    }

    public void forgetPost(String postId) {
        mongo.remove(Query.query(Criteria.where("_id").is(postKey(postId))), COLLECTION);
    }

    public void erase(String memberId) {
        mongo.updateMulti(Query.query(new Criteria().orOperator(Criteria.where("watching").is(memberId),
                Criteria.where("muted").is(memberId))), new Update().pull("watching", memberId).pull("muted", memberId),
                COLLECTION);
    }
}
