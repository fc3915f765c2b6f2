package jp.kyoso.notifications.delivery;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.store.BulkInserts;
import jp.kyoso.platform.tracing.TraceParents;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The persisted mail and Slack queue.
 *
 * <p>{@code deliveries} holds one record per delivery with its status, attempts and last error: it is the delivery
 * log. {@code delivery_queue} holds a small entry ({@code _id} = the delivery's id, channel, due time) for each
 * delivery that still has to be tried. A worker claims an entry by removing it with one atomic find-and-remove on the
 * key, so that among several instances exactly one gets it; it then writes the outcome to the delivery and, for a
 * retry, puts a new entry in the queue. If the instance dies in between, the delivery's lease runs out and the sweeper
 * queues it again. The queue stays small, so the workers' polls stay cheap even on a server without secondary
 * indexes, while the log grows.
 */
@Component
public class DeliveryStore {
    public static final String COLLECTION = "deliveries";
    static final String TRACE_PARENT = "traceParent";
    static final String QUEUE = "delivery_queue";
    /** Set on deliveries that collect notices: they are looked at again after they were SENT. */
    static final String COLLECTS = "collects";
    /** The queueing order of deliveries that must leave in order (nanoseconds since the epoch). */
    public static final String ORDER = "order";

    private final MongoTemplate mongo;
    private final DeliveryProperties properties;
    private final IntervalFunction backoff;

    public DeliveryStore(MongoTemplate mongo, DeliveryProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        this.backoff = IntervalFunction.ofExponentialBackoff(properties.backoffInitial(),
                properties.backoffMultiplier(), properties.backoffMax());
    }

    /** A new delivery record: PENDING (not tried yet), no attempts. */
    public static Document newDelivery(String id, Channel channel, String kind, String memberId) {
        Date now = new Date();
        Document document = new Document("_id", id).append("channel", channel.name()).append("kind", kind)
                .append("status", DeliveryStatus.PENDING.name()).append("attempts", 0).append("failures", 0)
                .append("createdAt", now).append("updatedAt", now).append("idempotencyKey", id);
        if (memberId != null) {
            document.append("memberId", memberId);
        }
        String traceParent = TraceParents.current();
        if (traceParent != null) {
            // the worker that sends it later continues this trace (DeliveryWorkers)
            document.append(TRACE_PARENT, traceParent);
        }
        return document;
    }

    /** Stores and queues a delivery; false if one with this id exists already (the same event, delivered again). */
    public boolean create(Document delivery, Instant dueAt) {
        try {
            mongo.insert(delivery, COLLECTION);
        } catch (DuplicateKeyException e) {
            return false;
        }
        enqueue(List.of(delivery.getString("_id")), Channel.valueOf(delivery.getString("channel")), dueAt);
        return true;
    }

    /** {@link #create} for many deliveries of one channel, in one unordered bulk write. */
    public void createAll(List<Document> deliveries, Instant dueAt) {
        if (deliveries.isEmpty()) {
            return;
        }
        Set<Integer> duplicates = BulkInserts.insertSkippingDuplicates(mongo.getCollection(COLLECTION), deliveries);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (!duplicates.contains(i)) {
                created.add(deliveries.get(i).getString("_id"));
            }
        }
        enqueue(created, Channel.valueOf(deliveries.get(0).getString("channel")), dueAt);
    }

    /**
     * A mail that collects notices (an INSTANT mail, a digest): created by the first notice that needs it, found by its
     * key by the next ones. {@code noticeIds} may be empty: an INSTANT mail reads its window's notices when it leaves.
     *
     * @param onInsert fields it gets when it is created
     */
    public record Collecting(String id, String kind, String memberId, List<String> noticeIds, Document onInsert,
                             Instant dueAt) {
    }

    /**
     * Adds the notices to their mails by key, in one unordered bulk write, and queues the mails: adding a notice that
     * is there already changes nothing, so an event handled twice is collected once. A mail that already left sends
     * the notices it collected since (see {@link DeliveryWorkers}).
     */
    public void collect(List<Collecting> mails) {
        if (mails.isEmpty()) {
            return;
        }
        Date now = new Date();
        List<WriteModel<Document>> upserts = new ArrayList<>(mails.size());
        Map<String, Instant> dueTimes = new LinkedHashMap<>();
        for (Collecting mail : mails) {
            Document onInsert = newDelivery(mail.id(), Channel.EMAIL, mail.kind(), mail.memberId())
                    .append(COLLECTS, true);
            onInsert.remove("_id");
            onInsert.remove("updatedAt");
            if (mail.onInsert() != null) {
                onInsert.putAll(mail.onInsert());
            }
            Document update = new Document("$setOnInsert", onInsert).append("$set", new Document("updatedAt", now));
            if (!mail.noticeIds().isEmpty()) {
                update.append("$addToSet", new Document("notificationIds", new Document("$each", mail.noticeIds())));
            }
            upserts.add(new UpdateOneModel<>(new Document("_id", mail.id()), update, new UpdateOptions().upsert(true)));
            dueTimes.put(mail.id(), mail.dueAt());
        }
        mongo.getCollection(COLLECTION).bulkWrite(upserts, new BulkWriteOptions().ordered(false));
        enqueue(dueTimes, Channel.EMAIL);
    }

    /** Queues deliveries; an entry that is already queued keeps its due time. */
    public void enqueue(Collection<String> ids, Channel channel, Instant dueAt) {
        Map<String, Instant> dueTimes = new LinkedHashMap<>();
        ids.forEach(id -> dueTimes.put(id, dueAt));
        enqueue(dueTimes, channel);
    }

    /** Queues deliveries, each at its own due time, in one write; an entry already queued keeps its due time. */
    private void enqueue(Map<String, Instant> dueTimes, Channel channel) {
        if (dueTimes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> upserts = new ArrayList<>(dueTimes.size());
        dueTimes.forEach((id, dueAt) -> upserts.add(new UpdateOneModel<>(new Document("_id", id),
                new Document("$setOnInsert", new Document("channel", channel.name()).append("dueAt", Date.from(dueAt))),
                new UpdateOptions().upsert(true))));
        mongo.getCollection(QUEUE).bulkWrite(upserts, new BulkWriteOptions().ordered(false));
    }

    /** Ids of the queued deliveries of a channel that are due, earliest first. */
    public List<String> due(Channel channel, Instant now, int limit) {
        Query query = Query.query(Criteria.where("channel").is(channel.name()).and("dueAt").lte(Date.from(now)))
                .with(org.springframework.data.domain.Sort.by("dueAt")).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, QUEUE).stream().map(d -> d.getString("_id")).toList();
    }

    /**
     * The first delivery of the same line ({@code field} = {@code value}, e.g. one Slack webhook) that was queued
     * before this one ({@code order}, then id) and is not over yet, or null when this one is first in line.
     */
    public String earlierInLine(Channel channel, String field, String value, long order, String id) {
        Query query = Query.query(new Criteria().andOperator(
                Criteria.where(field).is(value).and("channel").is(channel.name())
                        .and("status").in(DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name()),
                new Criteria().orOperator(Criteria.where(ORDER).lt(order),
                        Criteria.where(ORDER).is(order).and("_id").lt(id))))
                .with(org.springframework.data.domain.Sort.by(ORDER, "_id")).limit(1);
        query.fields().include("_id");
        Document first = mongo.findOne(query, Document.class, COLLECTION);
        return first == null ? null : first.getString("_id");
    }

    /** When the queued delivery is due next, or null if it is not in the queue (a worker has it right now). */
    public Instant dueAt(String id) {
        Document entry = mongo.findById(id, Document.class, QUEUE);
        return entry == null || entry.getDate("dueAt") == null ? null : entry.getDate("dueAt").toInstant();
    }

    /**
     * Takes a queued delivery that is due for this worker, or returns null if another worker took it first (or its
     * entry is a later turn, queued after this worker listed it).
     *
     * <p>The lease comes before the queue entry goes: the sweeper queues again what is neither queued nor leased, so
     * taking the entry first left a moment in which a delivery being claimed looked abandoned, and went out twice. A
     * worker that loses the entry leaves its lease: the delivery is queued or being handled by the winner, which the
     * sweeper leaves alone either way. The delivery is read after the entry is taken, so the turn starts from the
     * outcome of the one before.
     */
    public Document claim(String id, Instant now) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        Query dueEntry = Query.query(Criteria.where("_id").is(id).and("dueAt").lte(Date.from(now)));
        Update lease = new Update().set("leaseUntil", Date.from(now.plus(properties.lease())));
        if (mongo.updateFirst(byId, lease, COLLECTION).getMatchedCount() == 0) {
            // an entry whose delivery is gone (a purge stopped between its two deletes) would be listed at every poll
            mongo.remove(dueEntry, QUEUE);
            return null;
        }
        Document entry = mongo.findAndRemove(dueEntry, Document.class, QUEUE);
        if (entry == null) {
            return null;
        }
        return mongo.findAndModify(byId, lease, FindAndModifyOptions.options().returnNew(true), Document.class,
                COLLECTION);
    }

    /** Marks the start of a request whose outcome may become unknown (a Slack post). */
    public void inFlight(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("inFlightSince", new Date()),
                COLLECTION);
    }

    /**
     * Writes the outcome of a turn and queues the next one if there is one. Returns the status written (FAILED where
     * a retry was one failure too many), or null where the turn left the status as it was.
     */
    public DeliveryStatus record(Document delivery, Outcome outcome, Instant now) {
        String id = delivery.getString("_id");
        Channel channel = Channel.valueOf(delivery.getString("channel"));
        if (outcome.status() == null) {
            Update update = new Update().unset("leaseUntil").set("updatedAt", Date.from(now));
            outcome.changes().forEach(update::set);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
            enqueue(List.of(id), channel, now.plus(outcome.retryAfter()));
            return null;
        }
        int attempts = delivery.getInteger("attempts", 0) + (outcome.attempted() ? 1 : 0);
        int failures = delivery.getInteger("failures", 0) + (outcome.countsAsFailure() ? 1 : 0);
        DeliveryStatus status = outcome.status();
        String error = outcome.error();
        if (status == DeliveryStatus.RETRYING && failures >= properties.maxFailures()) {
            status = DeliveryStatus.FAILED;
            error = Messages.get("delivery.gave-up", error, String.valueOf(failures));
        }
        Update update = new Update().set("status", status.name()).set("attempts", attempts).set("failures", failures)
                .set("updatedAt", Date.from(now)).unset("leaseUntil").unset("inFlightSince");
        outcome.changes().forEach(update::set);
        if (error != null) {
            update.set("lastError", error);
        }
        if (status == DeliveryStatus.SENT) {
            // a rendered verification mail holds a secret token: once sent, it has no reason to stay
            update.set("sentAt", Date.from(now)).unset("text");
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, COLLECTION);
        if (status == DeliveryStatus.RETRYING) {
            Duration wait = outcome.retryAfter() != null ? outcome.retryAfter()
                    : Duration.ofMillis(backoff.apply(Math.max(1, failures)));
            enqueue(List.of(id), channel, now.plus(wait));
        }
        return status;
    }

    /** Puts back in the queue the deliveries whose worker died (lease over) or whose queue entry was never written. */
    public int sweep(Instant now) {
        List<String> pendingStatuses = List.of(DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name());
        Query orphans = Query.query(abandoned(Criteria.where("status").in(pendingStatuses), now));
        orphans.fields().include("_id").include("channel");
        List<Document> candidates = mongo.find(orphans, Document.class, COLLECTION);
        int requeued = 0;
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<Document> chunk = candidates.subList(from, Math.min(candidates.size(), from + 1000));
            Query queued = Query.query(Criteria.where("_id").in(chunk.stream().map(d -> d.getString("_id")).toList()));
            queued.fields().include("_id");
            Set<String> stillQueued = new HashSet<>();
            mongo.find(queued, Document.class, QUEUE).forEach(d -> stillQueued.add(d.getString("_id")));
            for (Document delivery : chunk) {
                String id = delivery.getString("_id");
                // only if still abandoned: a worker may have leased it since the query above
                if (!stillQueued.contains(id) && mongo.updateFirst(Query.query(abandoned(Criteria.where("_id").is(id),
                        now)), new Update().unset("leaseUntil").set("updatedAt", Date.from(now)), COLLECTION)
                        .getModifiedCount() == 1) {
                    enqueue(List.of(id), Channel.valueOf(delivery.getString("channel")), now);
                    requeued++;
                }
            }
        }
        return requeued;
    }

    /** Those deliveries whose lease ran out, or that were never leased and have not changed for longer than one. */
    private Criteria abandoned(Criteria deliveries, Instant now) {
        return deliveries.orOperator(Criteria.where("leaseUntil").lt(Date.from(now)),
                Criteria.where("leaseUntil").exists(false).and("updatedAt").lt(Date.from(now.minus(
                        properties.lease()))));
    }

    /** Renews the lease of a claimed delivery whose turn takes long (an announcement, page by page). */
    public void renewLease(String id, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("leaseUntil", Date.from(now.plus(properties.lease()))), COLLECTION);
    }

    /** How many deliveries of one event a channel has, and how many of them are over. */
    public record EventCounts(long total, long sent, long failed) {
        public long waiting() {
            return total - sent - failed;
        }
    }

    /**
     * Counts the deliveries of an event on a channel (those that carry its {@code eventId}: Slack messages of its
     * notices, a channel mirror's message) on the index {@code eventId, channel, status}, without reading them.
     */
    public EventCounts countForEvent(String eventId, Channel channel) {
        long total = mongo.count(Query.query(ofEvent(eventId, channel)), COLLECTION);
        if (total == 0) {
            return new EventCounts(0, 0, 0);
        }
        return new EventCounts(total,
                mongo.count(Query.query(ofEvent(eventId, channel).and("status").is(DeliveryStatus.SENT.name())),
                        COLLECTION),
                mongo.count(Query.query(ofEvent(eventId, channel).and("status").is(DeliveryStatus.FAILED.name())),
                        COLLECTION));
    }

    /** When a delivery of the event on the channel last changed, or null if it has none. */
    public Instant lastChangeForEvent(String eventId, Channel channel) {
        Query query = Query.query(ofEvent(eventId, channel))
                .with(org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Direction.DESC,
                        "updatedAt")).limit(1);
        query.fields().include("updatedAt");
        Document last = mongo.findOne(query, Document.class, COLLECTION);
        return last == null || last.getDate("updatedAt") == null ? null : last.getDate("updatedAt").toInstant();
    }

    private static Criteria ofEvent(String eventId, Channel channel) {
        return Criteria.where("eventId").is(eventId).and("channel").is(channel.name());
    }

    /** A delivery as it is logged (without its text), or null. */
    public Document find(String id) {
        Query query = Query.query(Criteria.where("_id").is(id));
        query.fields().exclude("text");
        return mongo.findOne(query, Document.class, COLLECTION);
    }

    public boolean exists(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }

    /**
     * @param statuses the statuses to list, or null for all: then every status is named, so that the query has the
     *                 shape of the indexes {@code deliveries_status_newest} and {@code deliveries_channel_status_newest}
     *                 (MongoDB merges the few status ranges in order instead of sorting)
     */
    public List<Document> page(List<String> statuses, String channel, KeysetCursor after, int limit) {
        Criteria criteria = new Criteria();
        if (channel != null) {
            criteria.and("channel").is(channel);
        }
        criteria.and("status").in(statuses != null ? statuses
                : java.util.Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::name).toList());
        if (after != null) {
            criteria = new Criteria().andOperator(criteria, after.after("createdAt"));
        }
        Query query = Query.query(criteria).with(KeysetCursor.newestFirst("createdAt")).limit(limit);
        query.fields().exclude("text");
        return mongo.find(query, Document.class, COLLECTION);
    }

    /**
     * Retention: deletes up to {@code limit} deliveries that are over ({@code status}: SENT or FAILED) and did not
     * change since {@code cutoff}, oldest first, on the index {@code deliveries_status_updated}, with their queue
     * entries (a mail that collects notices can be queued after it was SENT). Returns how many it found.
     */
    public int purgeOverBefore(DeliveryStatus status, Instant cutoff, int limit) {
        Query expired = Query.query(Criteria.where("status").is(status.name()).and("updatedAt").lt(Date.from(cutoff)))
                .with(org.springframework.data.domain.Sort.by("updatedAt")).limit(limit);
        expired.fields().include("_id");
        List<String> ids = mongo.find(expired, Document.class, COLLECTION).stream().map(d -> d.getString("_id"))
                .toList();
        if (!ids.isEmpty()) {
            // the status and age again: a delivery that changed meanwhile (a mail that collected a notice) stays,
            // and so does its queue entry
            mongo.remove(Query.query(Criteria.where("_id").in(ids).and("status").is(status.name())
                    .and("updatedAt").lt(Date.from(cutoff))), COLLECTION);
            Query kept = Query.query(Criteria.where("_id").in(ids));
            kept.fields().include("_id");
            Set<String> gone = new HashSet<>(ids);
            mongo.find(kept, Document.class, COLLECTION).forEach(d -> gone.remove(d.getString("_id")));
            if (!gone.isEmpty()) {
                mongo.remove(Query.query(Criteria.where("_id").in(gone)), QUEUE);
            }
        }
        return ids.size();
    }

    /** Erasure: the member's deliveries that are still waiting will not be made, and their addresses go. */
    public void erase(String memberId) {
        Query waiting = Query.query(Criteria.where("memberId").is(memberId)
                .and("status").in(DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name()));
        mongo.updateMulti(waiting, new Update().set("status", DeliveryStatus.FAILED.name())
                .set("lastError", Messages.get("delivery.recipient-left")), COLLECTION);
        mongo.updateMulti(Query.query(Criteria.where("memberId").is(memberId)),
                new Update().unset("to").unset("recipient").unset("webhookUrl").unset("text").unset("subject"),
                COLLECTION);
    }
}
