package jp.kyoso.notifications.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.store.BulkInserts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code notifications}: the inbox. A notice's {@code _id} is {@code <memberId>:<eventId>}, so the primary key itself
 * guarantees one notice per member and event: a redelivered event, a retry or a second instance handling the same
 * record during a rebalance can only hit a duplicate key, never write a second notice.
 */
@Component
public class InboxStore {
    public static final String COLLECTION = "notifications";
    /** Mail modes of a notice: it goes out in an INSTANT mail, waits for the daily DIGEST, or stays in the app. */
    public static final String INSTANT = "INSTANT";
    public static final String DIGEST = "DIGEST";
    /** Not stored: a notice without a mail mode stays in the app. */
    public static final String NONE = "NONE";

    private final MongoTemplate mongo;

    public InboxStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A notice ready to be stored; {@code mailMode} says how it leaves by mail (INSTANT, DIGEST or NONE). */
    public record NewNotice(String memberId, NotificationType type, String mailMode) {
    }

    /**
     * A notice of the event as it is stored: written now ({@code isNew}), or already there from an earlier attempt at
     * the same event, whose side effects may not have happened (the attempt failed after the insert).
     */
    public record StoredNotice(String id, String memberId, NotificationType type, String mailMode, Instant createdAt,
                               boolean isNew) {
    }

    /**
     * Inserts the notices in one unordered bulk write and returns every notice of them that is stored now: the new
     * ones, and those that were already there (duplicate keys, skipped without stopping the others) as they were
     * stored, read back by key.
     */
    public List<StoredNotice> insertAll(NotificationContent content, Instant createdAt, List<NewNotice> notices,
                                        String origin) {
        if (notices.isEmpty()) {
            return List.of();
        }
        List<Document> documents = new ArrayList<>(notices.size());
        Date created = Date.from(createdAt);
        for (NewNotice notice : notices) {
            // the event id is part of _id and nothing queries it alone: it is not stored again
            Document document = new Document("_id", NotificationContent.idFor(notice.memberId(), content.eventId()))
                    .append("memberId", notice.memberId()).append("type", notice.type().name())
                    .append("read", false).append("createdAt", created).append("origin", origin);
            if (!NONE.equals(notice.mailMode())) {
                document.append("mailMode", notice.mailMode());
            }
            if (content.actorId() != null && content.actor().former()) {
                document.append("actorId", content.actorId()).append("actorErased", true);
            } else if (content.actorId() != null) {
                document.append("actorId", content.actorId()).append("actorName", content.actor().displayName());
            }
            putIfPresent(document, "postId", content.postId());
            putIfPresent(document, "replyId", content.replyId());
            putIfPresent(document, "channel", content.channel());
            putIfPresent(document, "title", content.title());
            putIfPresent(document, "snippet", content.snippet());
            putIfPresent(document, "extra", content.extra());
            documents.add(document);
        }
        Set<Integer> duplicates = BulkInserts.insertSkippingDuplicates(mongo.getCollection(COLLECTION), documents);
        List<StoredNotice> stored = new ArrayList<>(notices.size());
        List<String> existing = new ArrayList<>(duplicates.size());
        for (int i = 0; i < notices.size(); i++) {
            NewNotice notice = notices.get(i);
            String id = documents.get(i).getString("_id");
            if (duplicates.contains(i)) {
                existing.add(id);
            } else {
                stored.add(new StoredNotice(id, notice.memberId(), notice.type(), notice.mailMode(), createdAt, true));
            }
        }
        if (!existing.isEmpty()) {
            Query query = Query.query(Criteria.where("_id").in(existing));
            query.fields().include("memberId").include("type").include("mailMode").include("createdAt");
            for (Document document : mongo.find(query, Document.class, COLLECTION)) {
                String mailMode = document.getString("mailMode");
                stored.add(new StoredNotice(document.getString("_id"), document.getString("memberId"),
                        NotificationType.valueOf(document.getString("type")), mailMode == null ? NONE : mailMode,
                        document.getDate("createdAt").toInstant(), false));
            }
        }
        return stored;
    }

    public List<NotificationItem> page(String memberId, boolean unreadOnly, KeysetCursor after, int limit) {
        Criteria criteria = Criteria.where("memberId").is(memberId);
        if (unreadOnly) {
            criteria.and("read").is(false);
        }
        if (after != null) {
            criteria = new Criteria().andOperator(criteria, after.after("createdAt"));
        }
        Query query = Query.query(criteria).with(KeysetCursor.newestFirst("createdAt")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(InboxStore::toItem).toList();
    }

    /** The member's notices stored after the given one, oldest first: what a reconnecting stream missed. */
    public List<NotificationItem> newerThan(String memberId, String id, int limit) {
        if (!id.startsWith(memberId + ":")) {
            return List.of();
        }
        Document last = mongo.findById(id, Document.class, COLLECTION);
        if (last == null) {
            return List.of();
        }
        Date at = last.getDate("createdAt");
        Query query = Query.query(new Criteria().andOperator(Criteria.where("memberId").is(memberId),
                        new Criteria().orOperator(Criteria.where("createdAt").gt(at),
                                Criteria.where("createdAt").is(at).and("_id").gt(id))))
                .with(org.springframework.data.domain.Sort.by("createdAt", "_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream().map(InboxStore::toItem).toList();
    }

    public long unreadCount(String memberId) {
        return mongo.count(Query.query(Criteria.where("memberId").is(memberId).and("read").is(false)), COLLECTION);
    }

    /** False if there is no such notice of this member. The id carries the member, so the lookup is by key only. */
    public boolean markRead(String memberId, String id) {
        if (!id.startsWith(memberId + ":")) {
            return false;
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("read", true),
                COLLECTION).getMatchedCount() > 0;
    }

    public void markAllRead(String memberId) {
        mongo.updateMulti(Query.query(Criteria.where("memberId").is(memberId).and("read").is(false)),
                new Update().set("read", true), COLLECTION);
    }

    public List<NotificationItem> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("_id").in(ids)).with(KeysetCursor.newestFirst("createdAt"));
        return mongo.find(query, Document.class, COLLECTION).stream().map(InboxStore::toItem).toList();
    }

    /** Unread notices of these members that wait for their daily digest and were in none yet. */
    public List<Document> waitingForDigest(Collection<String> memberIds) {
        Query query = Query.query(Criteria.where("memberId").in(memberIds).and("mailMode").is(DIGEST)
                .and("read").is(false).and("digestedIn").exists(false)).with(KeysetCursor.newestFirst("createdAt"));
        query.fields().include("_id").include("memberId");
        return mongo.find(query, Document.class, COLLECTION);
    }

    /** The first step of a digest: from now on these notices belong to it (by key, so it is one lookup each). */
    public void markDigested(Collection<String> ids, String deliveryId) {
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), new Update().set("digestedIn", deliveryId),
                COLLECTION);
    }

    /** The notices that these digests carry (marked with them), newest first: {@code _id} and {@code digestedIn}. */
    public List<Document> inDigests(Collection<String> deliveryIds) {
        Query query = Query.query(Criteria.where("digestedIn").in(deliveryIds))
                .with(KeysetCursor.newestFirst("createdAt"));
        query.fields().include("_id").include("digestedIn");
        return mongo.find(query, Document.class, COLLECTION);
    }

    /** A deleted post's notices would lead nowhere. */
    public void deleteForPost(String postId) {
        mongo.remove(Query.query(Criteria.where("postId").is(postId)), COLLECTION);
    }

    /** Erasure: the member's own inbox goes; where they were the actor, their name goes. */
    public void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where("memberId").is(memberId)), COLLECTION);
        mongo.updateMulti(Query.query(Criteria.where("actorId").is(memberId)),
                new Update().unset("actorName").set("actorErased", true), COLLECTION);
    }

    static NotificationItem toItem(Document document) {
        Actor actor = Actor.SYSTEM;
        if (document.getString("actorId") != null) {
            actor = Boolean.TRUE.equals(document.getBoolean("actorErased"))
                    ? Actor.formerMember(document.getString("actorId"))
                    : new Actor(document.getString("actorId"), document.getString("actorName"));
        }
        return new NotificationItem(document.getString("_id"), NotificationType.valueOf(document.getString("type")),
                Boolean.TRUE.equals(document.getBoolean("read")), document.getDate("createdAt").toInstant(), actor,
                document.getString("postId"), document.getString("replyId"), document.getString("channel"),
                document.getString("title"), document.getString("snippet"), document.getString("extra"));
    }

    private static void putIfPresent(Document document, String field, String value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
