package jp.kyoso.platform.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.kyoso.platform.web.RequestIdFilter;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Remembers which events a consumer has already handled, keyed by the CloudEvents id.
 *
 * <p>Without transactions the mark cannot be written atomically with the handler's effects, so the handler runs first
 * and the mark is written after it: a crash in between makes the event run again, which is why every handler's
 * effects are idempotent too (upserts and unique keys). The mark makes the common case, a redelivered record,
 * cost one lookup and keeps handlers that are not naturally idempotent from running twice. With a mark linger the
 * marks are written a little later, off the consumer's thread ({@link MarkWriter}); that widens the same window.
 */
public class ProcessedEvents {
    static final String COLLECTION = "processed_events";
    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final MongoTemplate mongo;
    private final MarkWriter marks;

    /** Marks written at once, on the consumer's thread. */
    public ProcessedEvents(MongoTemplate mongo) {
        this(mongo, Duration.ZERO);
    }

    /**
     * @param markLinger above zero, marks are written off the consumer's thread, waiting at most this long to share
     *                   an insert ({@link MarkWriter}); zero, each mark is written before the next record
     */
    public ProcessedEvents(MongoTemplate mongo, Duration markLinger) {
        this.mongo = mongo;
        this.marks = markLinger.isZero() || markLinger.isNegative() ? null
                : new MarkWriter(mongo.getCollection(COLLECTION), markLinger);
    }

    /**
     * Lets MongoDB forget marks older than the retention, so that the collection does not grow forever. Servers
     * without TTL support (the embedded MongoDB-wire server) keep the index without expiring anything, which is
     * harmless; a failure here must not stop the service from starting.
     */
    public void expireMarksAfter(Duration retention) {
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.ASC).expire(retention)
                    .named("at_ttl"));
        } catch (RuntimeException e) {
            log.warn("Could not create the TTL index on {}: {}", COLLECTION, e.getMessage());
        }
    }

    /**
     * Removes the marks older than the retention, a bounded batch at a time (the embedded MongoDB-wire server has no
     * TTL monitor; on real MongoDB the TTL index has usually done it already). Returns how many were removed.
     */
    public long purgeOlderThan(Duration retention, int batchSize) {
        Date cutoff = Date.from(Instant.now().minus(retention));
        Query old = Query.query(Criteria.where("at").lt(cutoff)).limit(batchSize);
        old.fields().include("_id");
        List<Object> ids = mongo.find(old, Document.class, COLLECTION).stream().map(mark -> mark.get("_id")).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        return mongo.remove(Query.query(Criteria.where("_id").in(ids)), COLLECTION).getDeletedCount();
    }

    /**
     * A find by {@code _id} returning only the {@code _id}: {@code MongoTemplate.exists} counts through an
     * aggregation, which costs the embedded server several times as much, once per event and consumer.
     */
    private boolean alreadyHandled(String key) {
        Query mark = Query.query(Criteria.where("_id").is(key));
        mark.fields().include("_id");
        return mongo.findOne(mark, Document.class, COLLECTION) != null;
    }

    /**
     * Runs the handler unless this consumer has already handled the event. Returns whether it ran. While it runs, the
     * log lines carry the request id of the request that caused the event.
     */
    public boolean handleOnce(String consumer, InboundEvent event, Runnable handler) {
        String key = consumer + ":" + event.id();
        if ((marks != null && marks.pending(key)) || alreadyHandled(key)) {
            return false;
        }
        String outer = MDC.get(RequestIdFilter.MDC_KEY);
        if (event.requestId() != null) {
            MDC.put(RequestIdFilter.MDC_KEY, event.requestId());
        }
        try {
            handler.run();
        } finally {
            if (outer == null) {
                MDC.remove(RequestIdFilter.MDC_KEY);
            } else {
                MDC.put(RequestIdFilter.MDC_KEY, outer);
            }
        }
        Document mark = new Document("_id", key).append("type", event.type()).append("at", new Date());
        if (marks != null) {
            marks.add(mark);
            return true;
        }
        try {
            mongo.insert(mark, COLLECTION);
        } catch (DuplicateKeyException raced) {
            // Another instance handled the same record during a rebalance; its effects are idempotent too.
        }
        return true;
    }

    /** Writes the marks still waiting (called when the context closes, after the consumers have stopped). */
    public void close() {
        if (marks != null) {
            marks.close();
        }
    }
}
