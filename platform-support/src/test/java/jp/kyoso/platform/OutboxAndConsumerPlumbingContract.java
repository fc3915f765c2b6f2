package jp.kyoso.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jp.kyoso.platform.metrics.KafkaBacklogMetrics;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxProperties;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox → Kafka → idempotent consumer path, proven on real infrastructure: see the subclasses for the embedded
 * broker and MongoDB-wire server, and for the real containers.
 */
@SpringBootTest(classes = PlumbingTestApplication.class)
abstract class OutboxAndConsumerPlumbingContract {
    private static final String TOPIC = "kyoso.test.v1";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaBacklogMetrics backlog;

    @Test
    void stateChangeAndItsEventAreWrittenTogetherAndPublishedWithCloudEventsHeaders() {
        try (TopicProbe probe = new TopicProbe(bootstrapServers(), TOPIC)) {
            // as inside a request: the request id travels with the event for the consumers' log lines
            org.slf4j.MDC.put("requestId", "req-plumbing-1");
            PendingEvent event;
            try {
                event = PendingEvent.of(TOPIC, "w-1", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"窓口\"}");
            } finally {
                org.slf4j.MDC.remove("requestId");
            }
            mongo.upsert(Query.query(Criteria.where("_id").is("w-1")),
                    Outbox.append(new Update().set("name", "窓口"), event), "widgets");
            relay.wakeUp();

            TopicProbe.Received received = probe.awaitRecords(r -> event.eventId().equals(r.id()),
                    Duration.ofSeconds(20)).get(0);
            assertThat(received.key()).isEqualTo("w-1");
            assertThat(received.value()).isEqualTo("{\"name\":\"窓口\"}");
            assertThat(received.headers()).containsEntry("ce_type", "kyoso.test.WidgetRenamed.v1")
                    .containsEntry("ce_source", "/kyoso/plumbing-test").containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_subject", "w-1").containsKey("ce_time")
                    .containsEntry("kyoso_request_id", "req-plumbing-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-1").isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> handledCount("w-1") == 1);
        }
    }

    @Test
    void anEventSentAgainAfterACrashBeforeItsRemovalIsHandledOnlyOnce() {
        PendingEvent event = PendingEvent.of(TOPIC, "w-2", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"申込\"}");
        mongo.upsert(Query.query(Criteria.where("_id").is("w-2")),
                Outbox.append(new Update().set("name", "申込"), event), "widgets");
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-2").isEmpty());
        // The process died after Kafka acknowledged the send but before the event left the document: on restart the
        // relay finds it again and sends it a second time.
        mongo.updateFirst(Query.query(Criteria.where("_id").is("w-2")), Outbox.append(new Update(), event), "widgets");
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-2").isEmpty());

        try (TopicProbe probe = new TopicProbe(bootstrapServers(), TOPIC)) {
            assertThat(probe.awaitRecords(r -> event.eventId().equals(r.id()), Duration.ofSeconds(20))).hasSize(2);
        }
        // The next event of the same aggregate is on the same partition, behind both copies: once its effect is
        // visible, both copies have been consumed, so the count tells whether the duplicate ran again.
        PendingEvent next = PendingEvent.of(TOPIC, "w-2", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"申込み\"}");
        mongo.updateFirst(Query.query(Criteria.where("_id").is("w-2")), Outbox.append(new Update(), next), "widgets");
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> "申込み".equals(lastNameOf("w-2")));
        assertThat(handledCount("w-2")).isEqualTo(2);
    }

    @Test
    void aWakeUpForOneCollectionLooksInThatCollectionOnly() {
        // a relay of its own that never polls by itself (the context's relay does not look at gadgets)
        OutboxRelay own = new OutboxRelay(mongo, kafka, new OutboxProperties(List.of("widgets", "gadgets"),
                Duration.ofHours(1), null, "/kyoso/plumbing-test"));
        own.start();
        try {
            PendingEvent gadget = PendingEvent.of(TOPIC, "g-1", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"器\"}");
            mongo.upsert(Query.query(Criteria.where("_id").is("g-1")),
                    Outbox.append(new Update().set("name", "器"), gadget), "gadgets");
            PendingEvent widget = PendingEvent.of(TOPIC, "w-9", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"窓\"}");
            mongo.upsert(Query.query(Criteria.where("_id").is("w-9")),
                    Outbox.append(new Update().set("name", "窓"), widget), "widgets");

            own.wakeUp("widgets");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-9").isEmpty());
            // the gadgets were not woken: their event stays (the pass would have reached them right after the widgets)
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> outboxOf("gadgets", "g-1").size() == 1);

            own.wakeUp("gadgets");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("gadgets", "g-1").isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> "器".equals(lastNameOf("g-1")));
        } finally {
            own.stop();
            mongo.remove(Query.query(Criteria.where("_id").is("g-1")), "gadgets");
        }
    }

    @Test
    void aWakeUpForOneDocumentTakesThatDocumentOnly() {
        // a relay of its own that never polls by itself, on a collection the context's relay does not look at
        OutboxRelay own = new OutboxRelay(mongo, kafka, new OutboxProperties(List.of("gizmos"),
                Duration.ofHours(1), null, "/kyoso/plumbing-test"));
        own.start();
        try {
            for (String id : List.of("w-10", "w-11")) {
                PendingEvent renamed = PendingEvent.of(TOPIC, id, "kyoso.test.WidgetRenamed.v1", "{\"name\":\"扉\"}");
                mongo.upsert(Query.query(Criteria.where("_id").is(id)),
                        Outbox.append(new Update().set("name", "扉"), renamed), "gizmos");
            }

            own.wakeUp("gizmos", "w-10");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("gizmos", "w-10").isEmpty());
            // the pass claimed w-10 by its id and did not look for other documents with events
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> outboxOf("gizmos", "w-11").size() == 1);

            own.wakeUp("gizmos");
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("gizmos", "w-11").isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> "扉".equals(lastNameOf("w-10"))
                    && "扉".equals(lastNameOf("w-11")));
        } finally {
            own.stop();
            mongo.remove(Query.query(Criteria.where("_id").in("w-10", "w-11")), "gizmos");
        }
    }

    @Test
    void anEventThatCannotBePublishedHoldsBackOnlyItsOwnDocument() {
        // no topic: the producer refuses it every time
        PendingEvent stuck = new PendingEvent("stuck-1", null, "w-4", "kyoso.test.WidgetRenamed.v1", "w-4",
                java.time.Instant.now(), "{\"name\":\"止\"}", null, null);
        PendingEvent behindIt = PendingEvent.of(TOPIC, "w-4", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"後\"}");
        // no time (an old or hand-written document): published with the time it leaves
        PendingEvent timeless = new PendingEvent("timeless-1", TOPIC, "w-5", "kyoso.test.WidgetRenamed.v1", "w-5",
                null, "{\"name\":\"無時刻\"}", null, null);
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is("w-4")),
                    Outbox.append(new Update().set("name", "止"), stuck, behindIt), "widgets");
            mongo.upsert(Query.query(Criteria.where("_id").is("w-5")),
                    Outbox.append(new Update().set("name", "無時刻"), timeless), "widgets");
            relay.publishPending();

            assertThat(outboxOf("w-5")).isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> "無時刻".equals(lastNameOf("w-5")));
            // the failing event's document keeps both events, in order: the later one must not overtake it
            assertThat(outboxOf("w-4")).hasSize(2);
            // and its lease is let go (the relay's own polling may be holding it for a pass of its own right now)
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !mongo.findById("w-4", Document.class, "widgets").containsKey(OutboxRelay.LEASE));
        } finally {
            mongo.remove(Query.query(Criteria.where("_id").is("w-4")), "widgets");
        }
    }

    @Test
    void aDocumentClaimedByAnotherInstanceWaitsUntilItsLeaseRunsOut() {
        PendingEvent event = PendingEvent.of(TOPIC, "w-6", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"借\"}");
        Update claimedElsewhere = new Update().set("name", "借").set(OutboxRelay.LEASE, new Document("owner", "other")
                .append("until", java.util.Date.from(java.time.Instant.now().plusSeconds(60))));
        mongo.upsert(Query.query(Criteria.where("_id").is("w-6")), Outbox.append(claimedElsewhere, event), "widgets");

        relay.publishPending();
        assertThat(outboxOf("w-6")).hasSize(1);

        // the other instance died: once its lease has run out, this one takes the document over
        mongo.updateFirst(Query.query(Criteria.where("_id").is("w-6")), new Update().set(OutboxRelay.LEASE + ".until",
                java.util.Date.from(java.time.Instant.now().minusSeconds(1))), "widgets");
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-6").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !mongo.findById("w-6", Document.class, "widgets").containsKey(OutboxRelay.LEASE));
        await().atMost(Duration.ofSeconds(20)).until(() -> "借".equals(lastNameOf("w-6")));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillHandled() throws Exception {
        try (TopicProbe deadLetters = new TopicProbe(bootstrapServers(),
                "kyoso.test.v1.plumbing-test.dlt")) {
            ProducerRecord<String, String> poison = new ProducerRecord<>(TOPIC, "w-3", "this is not JSON");
            poison.headers().add("ce_id", "poison-1".getBytes()).add("ce_type", "kyoso.test.WidgetRenamed.v1".getBytes());
            kafka.send(poison).get();
            // well-formed, but from a source this topic does not trust (TrustedSources): a dead letter, not handled
            ProducerRecord<String, String> forged = new ProducerRecord<>(TOPIC, "w-3", "{\"name\":\"forged\"}");
            forged.headers().add("ce_id", "forged-1".getBytes()).add("ce_type", "kyoso.test.WidgetRenamed.v1".getBytes())
                    .add("ce_source", "/somebody-else".getBytes()).add("ce_subject", "w-3".getBytes());
            kafka.send(forged).get();
            ProducerRecord<String, String> good = new ProducerRecord<>(TOPIC, "w-3", "{\"name\":\"ok\"}");
            good.headers().add("ce_id", "good-1".getBytes()).add("ce_type", "kyoso.test.WidgetRenamed.v1".getBytes())
                    .add("ce_source", "/kyoso/plumbing-test".getBytes()).add("ce_subject", "w-3".getBytes());
            kafka.send(good).get();

            assertThat(deadLetters.awaitRecords(r -> "this is not JSON".equals(r.value()), Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(deadLetters.awaitRecords(r -> "forged-1".equals(r.id()), Duration.ofSeconds(30))).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> handledCount("w-3") == 1);
            assertThat(lastNameOf("w-3")).isEqualTo("ok");
        }
    }

    @Test
    void theRelayIndexesTheDocumentsWithPendingEventsOnly() {
        // created at start, for every configured collection: the poll reads this index, not the collection
        Document index = mongo.getCollection("widgets").listIndexes().into(new java.util.ArrayList<>()).stream()
                .filter(i -> OutboxRelay.PENDING_INDEX.equals(i.getString("name"))).findFirst().orElseThrow();
        assertThat(index.get("key", Document.class)).isEqualTo(new Document("outbox.eventId", 1));
        // partial on real MongoDB; sparse where the server refuses the partial filter: either holds only pending ones
        assertThat(index.containsKey("partialFilterExpression") || Boolean.TRUE.equals(index.get("sparse")))
                .as("partial or sparse: %s", index.toJson()).isTrue();
        if (index.containsKey("partialFilterExpression")) {
            assertThat(index.get("partialFilterExpression", Document.class))
                    .isEqualTo(new Document("outbox.eventId", new Document("$exists", true)));
        }

        // a document whose events have all left is no candidate any more, even with an empty array
        PendingEvent event = PendingEvent.of(TOPIC, "w-7", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"索\"}");
        mongo.upsert(Query.query(Criteria.where("_id").is("w-7")),
                Outbox.append(new Update().set("name", "索"), event), "widgets");
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is("w-7").and("outbox.eventId").exists(true)),
                "widgets")).isTrue();
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxOf("w-7").isEmpty());
        assertThat(mongo.findById("w-7", Document.class, "widgets")).containsKey(Outbox.FIELD);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is("w-7").and("outbox.eventId").exists(true)),
                "widgets")).isFalse();
        assertThat(relay.publishPending()).isZero();
    }

    @Test
    void anEventCarriesTheTraceOfTheSpanThatWroteItSoTheConsumersSpansJoinIt() {
        SpanContext writer = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (TopicProbe probe = new TopicProbe(bootstrapServers(), TOPIC)) {
            PendingEvent event;
            try (Scope ignored = Span.wrap(writer).makeCurrent()) {
                event = PendingEvent.of(TOPIC, "w-8", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"追跡\"}");
            }
            mongo.upsert(Query.query(Criteria.where("_id").is("w-8")),
                    Outbox.append(new Update().set("name", "追跡"), event), "widgets");
            relay.wakeUp();

            TopicProbe.Received received = probe.awaitRecords(r -> event.eventId().equals(r.id()),
                    Duration.ofSeconds(20)).get(0);
            assertThat(received.headers()).containsEntry("traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
        // outside any span there is nothing to carry
        assertThat(PendingEvent.of(TOPIC, "w-8", "kyoso.test.WidgetRenamed.v1", "{}").traceParent()).isNull();
    }

    @Test
    void theOutboxBacklogIsMeasuredAndCountsDownAsTheRelayPublishes() {
        double publishedBefore = meters.get("kyoso.outbox.published.events").counter().count();
        // an event the broker refuses (no topic) waits, and has waited two minutes already
        PendingEvent stuck = new PendingEvent("stuck-metrics", null, "w-9", "kyoso.test.WidgetRenamed.v1", "w-9",
                java.time.Instant.now().minusSeconds(120), "{}", null, null);
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is("w-9")), Outbox.append(new Update(), stuck), "widgets");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(meters.get("kyoso.outbox.pending.documents").tag("collection", "widgets").gauge().value())
                        .isGreaterThanOrEqualTo(1);
                assertThat(meters.get("kyoso.outbox.oldest.event.age").gauge().value()).isGreaterThanOrEqualTo(120);
            });
        } finally {
            mongo.remove(Query.query(Criteria.where("_id").is("w-9")), "widgets");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(meters.get("kyoso.outbox.oldest.event.age").gauge().value()).isLessThan(120));

        PendingEvent good = PendingEvent.of(TOPIC, "w-10", "kyoso.test.WidgetRenamed.v1", "{\"name\":\"数\"}");
        mongo.upsert(Query.query(Criteria.where("_id").is("w-10")), Outbox.append(new Update(), good), "widgets");
        relay.wakeUp();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(meters.get("kyoso.outbox.published.events").counter().count())
                        .isGreaterThan(publishedBefore));
    }

    @Test
    void theConsumerGroupsLagAndTheDeadLetterTopicsAreMeasuredFromTheBroker() throws Exception {
        ProducerRecord<String, String> poison = new ProducerRecord<>(TOPIC, "w-11", "not JSON either");
        poison.headers().add("ce_id", "poison-metrics".getBytes())
                .add("ce_type", "kyoso.test.WidgetRenamed.v1".getBytes());
        kafka.send(poison).get();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            backlog.sample();
            assertThat(meters.get("kyoso.dlt").tag("topic", "kyoso.test.v1.plumbing-test.dlt").gauge().value())
                    .isGreaterThanOrEqualTo(1);
            // the group has caught up with everything, the poison record included
            assertThat(meters.get("kyoso.consumer.lag").tags("group", "plumbing-test", "topic", TOPIC).gauge().value())
                    .isZero();
        });
    }

    /** The broker the application under test uses. */
    abstract String bootstrapServers();

    private List<?> outboxOf(String id) {
        return outboxOf("widgets", id);
    }

    private List<?> outboxOf(String collection, String id) {
        Document document = mongo.findById(id, Document.class, collection);
        return document == null ? List.of() : document.getList(Outbox.FIELD, Object.class, List.of());
    }

    private String lastNameOf(String id) {
        Document view = mongo.findById(id, Document.class, "widget_views");
        return view == null ? null : view.getString("lastName");
    }

    private int handledCount(String id) {
        Document view = mongo.findById(id, Document.class, "widget_views");
        return view == null ? 0 : view.getInteger("handled", 0);
    }
}
