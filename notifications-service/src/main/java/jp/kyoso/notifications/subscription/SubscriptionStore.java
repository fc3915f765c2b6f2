package jp.kyoso.notifications.subscription;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code subscriptions}: one small document per member and channel ({@code channel:<slug>}) or post
 * ({@code post:<id>}) the member set a level on, {@code {_id: "<memberId>|<target>", target, memberId, level}}, unique
 * by {@code (target, memberId)}. A document per pair, not one per target holding every member: the announcements
 * channel alone has as many watchers as the community has members, and one document holding them all would grow
 * without bound (16 MB) and be rewritten whole at each change. An explicit NORMAL is kept as a document too: it tells
 * that somebody set a level on the target ({@link Watchers#known()}), as the earlier shape did.
 */
@Component
public class SubscriptionStore {
    static final String COLLECTION = "subscriptions";
    static final String TARGET = "target";
    static final String MEMBER = "memberId";
    static final String LEVEL = "level";

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

    static String id(String key, String memberId) {
        return memberId + "|" + key;
    }

    /** Everyone who set a level on the target, on the unique index {@code (target, memberId)}. */
    public Watchers get(String key) {
        return getAll(List.of(key)).get(key);
    }

    /** The watchers of several targets in one query (a reply: its post's and its channel's); NONE for an unknown one. */
    public Map<String, Watchers> getAll(List<String> keys) {
        Query query = Query.query(keys.size() == 1 ? Criteria.where(TARGET).is(keys.get(0))
                : Criteria.where(TARGET).in(keys));
        query.fields().include(TARGET).include(MEMBER).include(LEVEL);
        Map<String, Set<String>> watching = new HashMap<>();
        Map<String, Set<String>> muted = new HashMap<>();
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            String target = document.getString(TARGET);
            watching.computeIfAbsent(target, t -> new HashSet<>());
            muted.computeIfAbsent(target, t -> new HashSet<>());
            String level = document.getString(LEVEL);
            if (WatchLevel.WATCHING.name().equals(level)) {
                watching.get(target).add(document.getString(MEMBER));
            } else if (WatchLevel.MUTED.name().equals(level)) {
                muted.get(target).add(document.getString(MEMBER));
            }
        }
        Map<String, Watchers> result = new HashMap<>();
        for (String key : keys) {
            result.put(key, watching.containsKey(key)
                    ? new Watchers(true, watching.get(key), muted.get(key)) : Watchers.NONE);
        }
        return result;
    }

    public void set(String key, String memberId, WatchLevel level) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(key, memberId))), pair(key, memberId, level),
                COLLECTION);
    }

    /**
     * Authors and repliers watch a post, unless they muted it. The write is conditional on the member's level not
     * being MUTED, so a MUTED that the member sets at the same moment is never overwritten (the upsert then meets the
     * muted document's key and changes nothing).
     */
    public void watchAutomatically(String postId, String memberId) {
        watchUnlessMutedByKey(postKey(postId), memberId);
    }

    /** Every channel and post the member watches (WATCHING), on the index {@code (memberId, level)}. */
    public List<String> watchedBy(String memberId) {
        Query query = Query.query(Criteria.where(MEMBER).is(memberId).and(LEVEL).is(WatchLevel.WATCHING.name()));
        query.fields().include(TARGET);
        return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString(TARGET)).toList();
    }

    /** The member's level on each of these targets (NORMAL where they set none), by key. */
    public Map<String, WatchLevel> levelsOf(String memberId, Collection<String> keys) {
        Map<String, WatchLevel> levels = new HashMap<>();
        keys.forEach(key -> levels.put(key, WatchLevel.NORMAL));
        if (keys.isEmpty()) {
            return levels;
        }
        Query query = Query.query(Criteria.where("_id").in(keys.stream().map(key -> id(key, memberId)).toList()));
        query.fields().include(TARGET).include(LEVEL);
        mongo.find(query, Document.class, COLLECTION).forEach(document ->
                levels.put(document.getString(TARGET), WatchLevel.valueOf(document.getString(LEVEL))));
        return levels;
    }

    /**
     * Makes the member watch a channel or post that somebody watches already, unless they muted it (conditional, so a
     * MUTED set at the same moment is never overwritten). Returns the member's level after it: WATCHING, MUTED
     * (kept), or NORMAL when nobody has a level on it any more (a deleted post).
     */
    public WatchLevel watchUnlessMuted(String key, String memberId) {
        if (!mongo.exists(Query.query(Criteria.where(TARGET).is(key)), COLLECTION)) {
            return WatchLevel.NORMAL;
        }
        watchUnlessMutedByKey(key, memberId);
        Document pair = mongo.findById(id(key, memberId), Document.class, COLLECTION);
        return pair == null ? WatchLevel.NORMAL : WatchLevel.valueOf(pair.getString(LEVEL));
    }

    private void watchUnlessMutedByKey(String key, String memberId) {
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(id(key, memberId)).and(LEVEL)
                    .ne(WatchLevel.MUTED.name())), pair(key, memberId, WatchLevel.WATCHING), COLLECTION);
        } catch (DuplicateKeyException muted) {
            // the member's document is there and MUTED: their choice stays
        }
    }

    public void forgetPost(String postId) {
        mongo.remove(Query.query(Criteria.where(TARGET).is(postKey(postId))), COLLECTION);
    }

    public void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where(MEMBER).is(memberId)), COLLECTION);
    }

    private static Update pair(String key, String memberId, WatchLevel level) {
        return new Update().set(TARGET, key).set(MEMBER, memberId).set(LEVEL, level.name())
                .set("updatedAt", Instant.now());
    }
}
