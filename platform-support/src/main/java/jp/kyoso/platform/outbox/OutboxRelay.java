package jp.kyoso.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.kyoso.platform.events.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Hands the events waiting in aggregate documents to Kafka, in document order, and removes each one only after the
 * broker has acknowledged it. A crash between the send and the removal sends the event again on the next pass: delivery
 * is at least once, and consumers are idempotent on the CloudEvents id.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile boolean running;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Called after a local write that appended events, so they leave at once instead of at the next poll. */
    public void wakeUp() {
        if (running && passQueued.compareAndSet(false, true)) {
            executor.execute(this::pass);
        }
    }

    /** Runs one pass on the caller's thread; returns how many events were published. Used by tests and the poll. */
    public synchronized int publishPending() {
        int published = 0;
        for (String collection : properties.collections()) {
            published += publishPending(collection);
        }
        return published;
    }

    private int publishPending(String collection) {
        Query query = new Query(Criteria.where(Outbox.FIELD + ".0").exists(true)).limit(properties.batchSize());
        query.fields().include(Outbox.FIELD);
        int published = 0;
        for (Document document : mongo.find(query, Document.class, collection)) {
            List<Document> events = document.getList(Outbox.FIELD, Document.class, List.of());
            for (Document event : events) {
                send(event);
                mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
                        new Update().pull(Outbox.FIELD, new Document("eventId", event.get("eventId"))), collection);
                published++;
            }
        }
        return published;
    }

    private void send(Document event) {
        String id = event.getString("eventId");
        ProducerRecord<String, String> record = new ProducerRecord<>(event.getString("topic"),
                event.getString("key"), event.getString("data"));
        header(record, CloudEventHeaders.ID, id);
        header(record, CloudEventHeaders.TYPE, event.getString("type"));
        header(record, CloudEventHeaders.SOURCE, properties.source());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.SUBJECT, event.getString("subject"));
        header(record, CloudEventHeaders.TIME,
                DateTimeFormatter.ISO_INSTANT.format(event.getDate("time").toInstant()));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        header(record, CloudEventHeaders.REQUEST_ID, event.getString("requestId"));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing event " + id, e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge event " + id, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void pass() {
        passQueued.set(false);
        try {
            publishPending();
        } catch (RuntimeException e) {
            // The events stay in their documents; the next poll tries again.
            log.warn("Outbox relay pass failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pass, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
