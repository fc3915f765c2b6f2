package jp.kyoso.notifications.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.store.BulkInserts;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code notifications}: the inbox. A notice's {@code _id} is {@code <memberId>:<eventId>}, so the primary key itself
 * guarantees one notice per member and event: a redelivered event, a retry or a second instance handling the same
 * record during a rebalance can only hit a duplicate key, never write a second notice.
 *
 * <p>A notice for every active member (an announcement) is stored once, as a broadcast, and each member's copy is
 * written when their inbox is next read ({@link #broadcast}, {@link #catchUp}).
 */
@Component
public class InboxStore {
    public static final String COLLECTION = "notifications";
    /** Notices per find when a notice mail reads its window ({@link #inInstantMail}). */
    static final int WINDOW_PAGE = 100;
    /** Mail modes of a notice: it goes out in an INSTANT mail, waits for the daily DIGEST, or stays in the app. */
    public static final String INSTANT = "INSTANT";
    public static final String DIGEST = "DIGEST";
    /** Not stored: a notice without a mail mode stays in the app. */
    public static final String NONE = "NONE";
    /**
     * Set on an INSTANT notice that goes out in its member's notice mail of its window (not an announcement's, nor a
     * notice whose mail its caller sends itself): what that mail reads when it leaves ({@link #inInstantMail}).
     */
    static final String IN_INSTANT_MAIL = "inInstantMail";

    private final MongoTemplate mongo;
    private final UnreadCounters counters;
    private final Broadcasts broadcasts;
    private final BroadcastCopies copies;

    InboxStore(MongoTemplate mongo, UnreadCounters counters, Broadcasts broadcasts, BroadcastCopies copies) {
        this.mongo = mongo;
        this.counters = counters;
        this.broadcasts = broadcasts;
        this.copies = copies;
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
     *
     * @param inInstantMail whether the INSTANT notices go out in their members' notice mails of their windows
     */
    public List<StoredNotice> insertAll(NotificationContent content, Instant createdAt, List<NewNotice> notices,
                                        String origin, boolean inInstantMail) {
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
            if (inInstantMail && INSTANT.equals(notice.mailMode())) {
                document.append(IN_INSTANT_MAIL, true);
            }
            documents.add(withContent(document, content));
        }
        Set<Integer> duplicates = BulkInserts.insertSkippingDuplicates(mongo.getCollection(COLLECTION), documents);
        List<StoredNotice> stored = new ArrayList<>(notices.size());
        List<String> existing = new ArrayList<>(duplicates.size());
        Map<String, Integer> newPerMember = new HashMap<>();
        for (int i = 0; i < notices.size(); i++) {
            NewNotice notice = notices.get(i);
            String id = documents.get(i).getString("_id");
            if (duplicates.contains(i)) {
                existing.add(id);
            } else {
                stored.add(new StoredNotice(id, notice.memberId(), notice.type(), notice.mailMode(), createdAt, true));
                newPerMember.merge(notice.memberId(), 1, Integer::sum);
            }
        }
        // only what this insert really wrote: a redelivered event finds its notices there and counts nothing
        counters.added(newPerMember);
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

    /**
     * Puts the notice in the inbox of every active member but {@code authorId} at once, stored once
     * ({@link Broadcasts}); each member's own copy is written when their inbox is next read.
     */
    public StoredBroadcast broadcast(NotificationContent content, NotificationType type, String authorId,
                                     Instant createdAt) {
        Document broadcast = new Document("_id", content.eventId()).append("type", type.name())
                .append("createdAt", Date.from(createdAt));
        putIfPresent(broadcast, Broadcasts.AUTHOR_ID, authorId);
        Broadcasts.Stored stored = broadcasts.store(withContent(broadcast, content));
        return new StoredBroadcast(stored.broadcast().getDate("createdAt").toInstant(), stored.isNew());
    }

    /**
     * @param createdAt the time it is stored with: the first attempt's for an event seen before
     * @param isNew     whether this call stored it
     */
    public record StoredBroadcast(Instant createdAt, boolean isNew) {
    }

    /**
     * Writes the member's copies of the broadcasts stored since their inbox was last read (see
     * {@link BroadcastCopies}); every read of the inbox does this first.
     */
    public void catchUp(String memberId) {
        copies.catchUp(memberId);
    }

    /**
     * The members' notices of one event by member id: their own copies where written, else built from the event's
     * broadcast (if there is one, and it was not deleted with its post).
     */
    public Map<String, NotificationItem> noticesOf(String eventId, Collection<String> memberIds) {
        Map<String, NotificationItem> byMember = new HashMap<>();
        for (NotificationItem item : findByIds(memberIds.stream()
                .map(memberId -> NotificationContent.idFor(memberId, eventId)).toList())) {
            byMember.put(item.id().substring(0, item.id().length() - eventId.length() - 1), item);
        }
        Document broadcast = byMember.size() == memberIds.size() ? null : broadcasts.find(eventId);
        if (broadcast != null) {
            for (String memberId : memberIds) {
                byMember.computeIfAbsent(memberId, m -> toItem(new Document(broadcast)
                        .append("_id", NotificationContent.idFor(m, eventId))));
            }
        }
        return byMember;
    }

    public List<NotificationItem> page(String memberId, boolean unreadOnly, KeysetCursor after, int limit) {
        copies.catchUp(memberId);
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

    /**
     * What a stream reconnecting after notice {@code id} may have missed, oldest first: the member's notices after it
     * in {@code (createdAt, _id)} order (at most {@code limit}), preceded by those created up to {@code lookBack}
     * before it (at most {@code limit} too). A notice's {@code createdAt} is taken just before its insert, and two
     * listener threads or instances insert side by side, so a notice created a moment before the last one shown can
     * be stored, and signalled, after it: a client that went away in between would never get it from the first part
     * alone. The second part repeats notices the client may have had; clients show a notice id once (the web client
     * does; the stream does within one connection).
     */
    public List<NotificationItem> missedSince(String memberId, String id, Duration lookBack, int limit) {
        if (!id.startsWith(memberId + ":")) {
            return List.of();
        }
        copies.catchUp(memberId);
        Document last = mongo.findById(id, Document.class, COLLECTION);
        if (last == null) {
            return List.of();
        }
        Date at = last.getDate("createdAt");
        Sort oldestFirst = Sort.by("createdAt", "_id");
        Query late = Query.query(new Criteria().andOperator(Criteria.where("memberId").is(memberId),
                        Criteria.where("createdAt").gte(Date.from(at.toInstant().minus(lookBack))),
                        new Criteria().orOperator(Criteria.where("createdAt").lt(at),
                                Criteria.where("createdAt").is(at).and("_id").lt(id))))
                .with(oldestFirst).limit(limit);
        Query after = Query.query(new Criteria().andOperator(Criteria.where("memberId").is(memberId),
                        new Criteria().orOperator(Criteria.where("createdAt").gt(at),
                                Criteria.where("createdAt").is(at).and("_id").gt(id))))
                .with(oldestFirst).limit(limit);
        List<NotificationItem> missed = new ArrayList<>();
        mongo.find(late, Document.class, COLLECTION).forEach(document -> missed.add(toItem(document)));
        mongo.find(after, Document.class, COLLECTION).forEach(document -> missed.add(toItem(document)));
        return missed;
    }

    /** The member's counter (see {@link UnreadCounters}), not a count over the inbox. */
    public long unreadCount(String memberId) {
        Document unchanged = copies.catchUp(memberId);
        return unchanged != null ? UnreadCounters.unread(unchanged) : counters.get(memberId);
    }

    /**
     * False if there is no such notice of this member. The id carries the member, so the lookup is by key only. The
     * counter goes down only if this call changed the notice from unread to read (reading it twice counts once).
     */
    public boolean markRead(String memberId, String id) {
        if (!id.startsWith(memberId + ":")) {
            return false;
        }
        copies.catchUp(memberId);
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("read").is(false)),
                new Update().set("read", true), COLLECTION).getModifiedCount() > 0) {
            counters.removed(memberId, 1);
            return true;
        }
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }

    public void markAllRead(String memberId) {
        copies.catchUp(memberId);
        mongo.updateMulti(Query.query(Criteria.where("memberId").is(memberId).and("read").is(false)),
                new Update().set("read", true), COLLECTION);
        counters.allRead(memberId);
    }

    public List<NotificationItem> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("_id").in(ids)).with(KeysetCursor.newestFirst("createdAt"));
        return mongo.find(query, Document.class, COLLECTION).stream().map(InboxStore::toItem).toList();
    }

    /**
     * The ids of the member's notices created in {@code [from, until)} that go out in that window's notice mail, oldest
     * first, on {@code inbox_member_newest}. Read {@link #WINDOW_PAGE} at a time: a watcher of a busy thread has
     * hundreds in one window, and the embedded MongoDB-wire server holds the whole collection while it answers one
     * find, so one read of them all kept the posts consumer's next inserts waiting (README "Performance"). Each page
     * is one range, up to the oldest time of the page before, skipping the notices of that time it had: with a keyset
     * {@code $or} the embedded server would read each page's way down from the window's newest notice again.
     */
    public List<String> inInstantMail(String memberId, Instant from, Instant until) {
        List<String> newestFirst = new ArrayList<>();
        Date upTo = null;
        int seenAtUpTo = 0;
        while (true) {
            Criteria created = Criteria.where("createdAt").gte(Date.from(from));
            created = upTo == null ? created.lt(Date.from(until)) : created.lte(upTo);
            Query query = Query.query(Criteria.where("memberId").is(memberId).andOperator(created))
                    .with(KeysetCursor.newestFirst("createdAt")).skip(seenAtUpTo).limit(WINDOW_PAGE);
            query.fields().include("_id").include("createdAt").include(IN_INSTANT_MAIL);
            List<Document> page = mongo.find(query, Document.class, COLLECTION);
            for (Document document : page) {
                if (Boolean.TRUE.equals(document.getBoolean(IN_INSTANT_MAIL))) {
                    newestFirst.add(document.getString("_id"));
                }
            }
            if (page.size() < WINDOW_PAGE) {
                Collections.reverse(newestFirst);
                return newestFirst;
            }
            Date oldest = page.get(page.size() - 1).getDate("createdAt");
            int atOldest = (int) page.stream().filter(document -> oldest.equals(document.getDate("createdAt"))).count();
            // a page all of the time it started at: the next one starts further into that time
            seenAtUpTo = oldest.equals(upTo) ? seenAtUpTo + atOldest : atOldest;
            upTo = oldest;
        }
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

    /**
     * A deleted post's notices would lead nowhere. The unread ones go member by member, so that each counter goes
     * down by exactly what was deleted unread (a notice read at the same moment is not counted twice); then the rest.
     */
    public void deleteForPost(String postId) {
        // the broadcast first, so that no inbox catching up from now on writes a copy after the copies are gone
        broadcasts.deleteForPost(postId);
        Query unread = Query.query(Criteria.where("postId").is(postId).and("read").is(false));
        unread.fields().include("memberId");
        Set<String> readers = new HashSet<>();
        mongo.find(unread, Document.class, COLLECTION).forEach(notice -> readers.add(notice.getString("memberId")));
        for (String memberId : readers) {
            counters.removed(memberId, mongo.remove(Query.query(Criteria.where("postId").is(postId)
                    .and("read").is(false).and("memberId").is(memberId)), COLLECTION).getDeletedCount());
        }
        mongo.remove(Query.query(Criteria.where("postId").is(postId)), COLLECTION);
    }

    /**
     * Retention: deletes up to {@code limit} notices created before {@code cutoff}, oldest first, on the index of
     * {@code createdAt}, and takes the unread ones off their members' counters. Returns how many expired notices it found
     * (fewer than {@code limit}: nothing older is left).
     */
    public int purgeCreatedBefore(Instant cutoff, int limit) {
        Query expired = Query.query(Criteria.where("createdAt").lt(Date.from(cutoff)))
                .with(org.springframework.data.domain.Sort.by("createdAt")).limit(limit);
        expired.fields().include("memberId").include("read");
        List<Document> batch = mongo.find(expired, Document.class, COLLECTION);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<String, List<String>> unreadPerMember = new HashMap<>();
        List<String> ids = new ArrayList<>(batch.size());
        for (Document notice : batch) {
            ids.add(notice.getString("_id"));
            if (!Boolean.TRUE.equals(notice.getBoolean("read"))) {
                unreadPerMember.computeIfAbsent(notice.getString("memberId"), m -> new ArrayList<>())
                        .add(notice.getString("_id"));
            }
        }
        // the unread first, by member, with read: false in the filter: the counter goes down by what was really
        // deleted unread, even when the member reads one of them at this moment
        for (Map.Entry<String, List<String>> member : unreadPerMember.entrySet()) {
            long gone = mongo.remove(Query.query(Criteria.where("_id").in(member.getValue()).and("read").is(false)),
                    COLLECTION).getDeletedCount();
            counters.removed(member.getKey(), gone);
        }
        mongo.remove(Query.query(Criteria.where("_id").in(ids)), COLLECTION);
        return batch.size();
    }

    /** Retention for the broadcasts: those created before the cutoff go (their copies go with the notices). */
    public long purgeBroadcastsBefore(Instant cutoff) {
        return broadcasts.purgeCreatedBefore(cutoff);
    }

    /** Erasure: the member's own inbox goes; where they were the actor, their name goes. */
    public void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where("memberId").is(memberId)), COLLECTION);
        counters.erase(memberId);
        mongo.updateMulti(Query.query(Criteria.where("actorId").is(memberId)),
                new Update().unset("actorName").set("actorErased", true), COLLECTION);
        broadcasts.eraseActor(memberId);
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

    private static Document withContent(Document document, NotificationContent content) {
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
        return document;
    }

    private static void putIfPresent(Document document, String field, String value) {
        if (value != null) {
            document.append(field, value);
        }
    }
}
