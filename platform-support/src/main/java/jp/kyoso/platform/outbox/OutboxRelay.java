package jp.kyoso.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.micrometer.core.instrument.Counter;
import jp.kyoso.platform.events.CloudEventHeaders;
import jp.kyoso.platform.tracing.TraceParents;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Hands the events waiting in aggregate documents to Kafka, in document order, and removes each one only after the
 * broker has acknowledged it. A crash between the send and the removal sends the event again on the next pass: delivery
 * is at least once, and consumers are idempotent on the CloudEvents id.
 *
 * <p>With several instances of a service, each document is claimed before its events are sent (an atomic
 * {@code findAndModify} on the {@value #LEASE} field), so that the instances do not all send the same events on every
 * poll. The claim is a lease: a document claimed by an instance that died is taken over once the lease has run out.
 */
public class OutboxRelay implements SmartLifecycle {
    /** The claim field in aggregate documents: {@code {owner, until}}, absent when nobody holds the document. */
    public static final String LEASE = "outboxLease";
    /**
     * Stops after the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}), so that writes still being
     * answered can wake the relay and the final pass in {@link #stop()} sees their events.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;
    /**
     * The index of the documents with events waiting, in every configured collection: only those documents are in it
     * (partial on {@value #PENDING_FIELD} existing), so the poll reads a handful of index keys, not the collection.
     */
    public static final String PENDING_INDEX = "outbox_pending";
    /** Every pending event has an id: the field exists exactly while the document has events waiting. */
    public static final String PENDING_FIELD = Outbox.FIELD + ".eventId";
    static final Duration LEASE_DURATION = Duration.ofSeconds(30);
    private static final Duration FINAL_PASS_LIMIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final Set<String> woken = ConcurrentHashMap.newKeySet();
    /** Per collection, the documents woken one by one since the last pass (a whole collection woken covers them). */
    private final Map<String, Set<Object>> wokenDocuments = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile Counter publishedEvents;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Counts the events the broker acknowledged ({@code kyoso_outbox_published_events_total}). */
    public void countPublishedWith(Counter counter) {
        this.publishedEvents = counter;
    }

    /** Called after a local write that appended events, so they leave at once instead of at the next poll. */
    public void wakeUp() {
        wakeUp(properties.collections());
    }

    /**
     * {@link #wakeUp()} after a write that appended events to documents of this collection only: the pass looks in
     * that collection alone (a reply's pass read the channels too, for nothing, at every reply).
     */
    public void wakeUp(String collection) {
        wakeUp(List.of(collection));
    }

    /**
     * {@link #wakeUp()} after a write that appended events to this one document: the pass claims it by its id, without
     * looking for documents with events first (a reply's pass read the pending index of its collection each time).
     * Events left in other documents (a pass that failed, a crash) are the poll's.
     */
    public void wakeUp(String collection, Object documentId) {
        if (!running || executor == null) {
            return;
        }
        wokenDocuments.computeIfAbsent(collection, ignored -> ConcurrentHashMap.newKeySet()).add(documentId);
        queuePass();
    }

    private void wakeUp(List<String> collections) {
        if (!running || executor == null) {
            return;
        }
        woken.addAll(collections);
        queuePass();
    }

    private void queuePass() {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        if (passQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::wokenPass);
            } catch (RejectedExecutionException stopping) {
                // Shutting down: the write has committed and its events wait in the document for the final pass
                // (or the next start); the caller's request must not fail for that.
                passQueued.set(false);
            }
        }
    }

    /** Runs one pass on the caller's thread; returns how many events were published. Used by tests and the poll. */
    public int publishPending() {
        return publishPending(properties.collections());
    }

    private synchronized int publishPending(List<String> collections) {
        int published = 0;
        for (String collection : collections) {
            published += publishPending(collection);
        }
        return published;
    }

    /**
     * Claims a batch of documents, hands all their events to the producer without waiting for each acknowledgement
     * (one producer keeps a partition's order, and a document's events share its key), then settles each document in
     * one update: the acknowledged events pulled, the lease released. One document rewrite per pass instead of one per
     * event, and one broker round trip per batch instead of one per event.
     */
    private int publishPending(String collection) {
        Query query = new Query(Criteria.where(PENDING_FIELD).exists(true).andOperator(claimable(new Date())))
                .limit(properties.batchSize());
        query.fields().include("_id");
        List<Object> ids = new ArrayList<>();
        for (Document candidate : mongo.find(query, Document.class, collection)) {
            ids.add(candidate.get("_id"));
        }
        return publish(collection, ids);
    }

    /** Claims these documents of the collection (those still with events and not held by another instance), sends. */
    private int publish(String collection, Collection<Object> ids) {
        List<ClaimedDocument> claimed = new ArrayList<>();
        for (Object id : ids) {
            Document document = claim(collection, id);
            if (document != null) {
                claimed.add(new ClaimedDocument(document.get("_id"),
                        document.getList(Outbox.FIELD, Document.class, List.of())));
            }
        }
        for (ClaimedDocument document : claimed) {
            document.send();
        }
        int published = 0;
        for (ClaimedDocument document : claimed) {
            List<Object> acknowledged = document.acknowledged(collection);
            settle(collection, document.id, acknowledged);
            published += acknowledged.size();
        }
        Counter counter = publishedEvents;
        if (counter != null && published > 0) {
            counter.increment(published);
        }
        return published;
    }

    /** A claimed document's events, in order, and what the producer made of each. */
    private final class ClaimedDocument {
        final Object id;
        final List<Document> events;
        final List<CompletableFuture<?>> sends = new ArrayList<>();

        ClaimedDocument(Object id, List<Document> events) {
            this.id = id;
            this.events = events;
        }

        void send() {
            for (Document event : events) {
                try {
                    sends.add(kafka.send(record(event)));
                } catch (RuntimeException e) {
                    sends.add(CompletableFuture.failedFuture(e));
                    return;
                }
            }
        }

        /**
         * The events acknowledged before the first that was not: that one and the later ones stay for the next pass,
         * so that they do not overtake it (a later one the broker did take comes again, and consumers are idempotent).
         */
        List<Object> acknowledged(String collection) {
            List<Object> ids = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                Document event = events.get(i);
                try {
                    sends.get(i).get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ids;
                } catch (Exception e) {
                    // never the payload: it may hold personal data
                    log.warn("Outbox event {} ({}, topic {}) in a {} document could not be published, will retry: {}",
                            event.get("eventId"), event.get("type"), event.get("topic"), collection, describe(e));
                    return ids;
                }
                ids.add(event.get("eventId"));
            }
            return ids;
        }
    }

    private static Criteria claimable(Date now) {
        return new Criteria().orOperator(Criteria.where(LEASE).exists(false), Criteria.where(LEASE + ".until").lt(now));
    }

    /** Returns the document's events if this instance got the document, null if another instance holds it. */
    private Document claim(String collection, Object id) {
        Date now = new Date();
        Query query = new Query(Criteria.where("_id").is(id).and(PENDING_FIELD).exists(true)
                .andOperator(claimable(now)));
        query.fields().include(Outbox.FIELD);
        Update lease = new Update().set(LEASE, new Document("owner", owner)
                .append("until", Date.from(now.toInstant().plus(LEASE_DURATION))));
        return mongo.findAndModify(query, lease, FindAndModifyOptions.options().returnNew(true), Document.class,
                collection);
    }

    /** Pulls the acknowledged events and releases the lease, in one update of the document. */
    private void settle(String collection, Object id, List<Object> acknowledged) {
        Update update = new Update().unset(LEASE);
        if (!acknowledged.isEmpty()) {
            update.pull(Outbox.FIELD, new Document("eventId", new Document("$in", acknowledged)));
        }
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(LEASE + ".owner").is(owner)), update,
                    collection);
        } catch (RuntimeException e) {
            // The lease runs out by itself, and the events still in the document go out again: consumers are
            // idempotent.
            log.warn("Could not settle the outbox of a {} document: {}", collection, e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return text.toString();
    }

    private ProducerRecord<String, String> record(Document event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.getString("topic"),
                event.getString("key"), event.getString("data"));
        header(record, CloudEventHeaders.ID, event.getString("eventId"));
        header(record, CloudEventHeaders.TYPE, event.getString("type"));
        header(record, CloudEventHeaders.SOURCE, properties.source());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.SUBJECT, event.getString("subject"));
        Date time = event.getDate("time");
        header(record, CloudEventHeaders.TIME,
                DateTimeFormatter.ISO_INSTANT.format(time == null ? Instant.now() : time.toInstant()));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        header(record, CloudEventHeaders.REQUEST_ID, event.getString("requestId"));
        header(record, TraceParents.HEADER, event.getString("traceParent"));
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void pass() {
        run(properties.collections());
    }

    /** A pass over the collections woken since the last one (taken before the pass, so a later wake-up runs again). */
    private void wokenPass() {
        passQueued.set(false);
        List<String> collections = new ArrayList<>();
        Map<String, List<Object>> documents = new LinkedHashMap<>();
        for (String collection : properties.collections()) {
            List<Object> ids = drain(wokenDocuments.get(collection));
            if (woken.remove(collection)) {
                collections.add(collection);
            } else if (!ids.isEmpty()) {
                documents.put(collection, ids);
            }
        }
        run(collections);
        documents.forEach((collection, ids) -> {
            try {
                synchronized (this) {
                    publish(collection, ids);
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay pass failed, will retry: {}", e.getMessage());
            }
        });
    }

    /** Takes the ids out one by one: an id added meanwhile is either taken now or left for the pass queued after it. */
    private static List<Object> drain(Set<Object> ids) {
        List<Object> taken = new ArrayList<>();
        if (ids != null) {
            for (Object id : ids) {
                if (ids.remove(id)) {
                    taken.add(id);
                }
            }
        }
        return taken;
    }

    private void run(List<String> collections) {
        try {
            publishPending(collections);
        } catch (RuntimeException e) {
            // The events stay in their documents; the next poll tries again.
            log.warn("Outbox relay pass failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Creates {@value #PENDING_INDEX} in every configured collection. A server that refuses the partial filter gets a
     * sparse index on the same field instead (equivalent for this query: both hold only documents with the field); a
     * failure is logged and the relay runs all the same (the poll is correct without the index, only slower).
     */
    void ensurePendingIndexes() {
        for (String collection : properties.collections()) {
            Index partial = new Index().on(PENDING_FIELD, Sort.Direction.ASC).named(PENDING_INDEX)
                    .partial(PartialIndexFilter.of(Criteria.where(PENDING_FIELD).exists(true)));
            try {
                mongo.indexOps(collection).createIndex(partial);
            } catch (RuntimeException partialRefused) {
                log.debug("Partial index {} refused on {} ({}); creating it sparse", PENDING_INDEX, collection,
                        partialRefused.getMessage());
                try {
                    mongo.indexOps(collection).createIndex(new Index().on(PENDING_FIELD, Sort.Direction.ASC)
                            .named(PENDING_INDEX).sparse());
                } catch (RuntimeException e) {
                    log.warn("Index {} on {} not created: {}", PENDING_INDEX, collection, e.getMessage());
                }
            }
        }
    }

    @Override
    public void start() {
        ensurePendingIndexes();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            current.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        finalPass();
    }

    /** Publishes what the last requests wrote, within a bound: whatever is left goes out after the next start. */
    private void finalPass() {
        Thread last = new Thread(() -> {
            try {
                publishPending();
            } catch (RuntimeException e) {
                log.warn("Final outbox pass failed; the events wait for the next start: {}", e.getMessage());
            }
        }, "outbox-relay-final");
        last.setDaemon(true);
        last.start();
        try {
            last.join(FINAL_PASS_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
