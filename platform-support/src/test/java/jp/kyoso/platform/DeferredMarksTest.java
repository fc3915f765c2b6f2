package jp.kyoso.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handled-event marks written off the consumer's thread ({@code kyoso.consumer.mark-linger}): every mark arrives, in
 * inserts shared by many, and a record that comes again before its mark is written still runs once.
 */
@SpringBootTest(classes = PlumbingTestApplication.class)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
class DeferredMarksTest {
    private static final String CONSUMER = "deferred-marks-test";

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyMarkIsWrittenAndARecordDeliveredAgainBeforeItsMarkRunsOnce() {
        try (Marks marks = new Marks(new ProcessedEvents(mongo, Duration.ofSeconds(30)))) {
            String run = UUID.randomUUID().toString();
            AtomicInteger ran = new AtomicInteger();
            InboundEvent event = event(run + "-once");

            assertThat(marks.events.handleOnce(CONSUMER, event, ran::incrementAndGet)).isTrue();
            // its mark waits (a linger of 30 s), and the same record again is known all the same
            assertThat(marked(run + "-once")).isFalse();
            assertThat(marks.events.handleOnce(CONSUMER, event, ran::incrementAndGet)).isFalse();
            assertThat(ran).hasValue(1);

            // close() writes what waits, without waiting for the linger
            marks.events.close();
            assertThat(marked(run + "-once")).isTrue();
        }
    }

    @Test
    void manyMarksShareTheirInsertsAndAllArriveInTheOrderTheyCame() {
        try (Marks marks = new Marks(new ProcessedEvents(mongo, Duration.ofMillis(50)))) {
            String run = UUID.randomUUID().toString();
            List<String> ids = IntStream.range(0, 1_200).mapToObj(i -> run + "-" + i).toList();
            ids.forEach(id -> marks.events.handleOnce(CONSUMER, event(id), () -> { }));

            await().atMost(Duration.ofSeconds(20)).until(() -> marked(ids.get(ids.size() - 1)));
            // written in order: once the last is there, every earlier one is too
            assertThat(ids).allMatch(this::marked);
            // and the same records again run nothing, now from the database
            AtomicInteger ranAgain = new AtomicInteger();
            ids.stream().limit(20).forEach(id -> marks.events.handleOnce(CONSUMER, event(id), ranAgain::incrementAndGet));
            assertThat(ranAgain).hasValue(0);
        }
    }

    @Test
    void aMarkAnotherInstanceWroteFirstDoesNotStopTheOthers() {
        try (Marks marks = new Marks(new ProcessedEvents(mongo, Duration.ofMillis(200)))) {
            String run = UUID.randomUUID().toString();
            marks.events.handleOnce(CONSUMER, event(run + "-a"), () -> { });
            // another instance handled the same event during a rebalance and wrote its mark first
            mongo.insert(new Document("_id", CONSUMER + ":" + run + "-a").append("type", "test")
                    .append("at", new java.util.Date()), "processed_events");
            marks.events.handleOnce(CONSUMER, event(run + "-b"), () -> { });

            await().atMost(Duration.ofSeconds(20)).until(() -> marked(run + "-b"));
            assertThat(marked(run + "-a")).isTrue();
        }
    }

    @Test
    void withoutALingerTheMarkIsWrittenBeforeHandleOnceReturns() {
        ProcessedEvents atOnce = new ProcessedEvents(mongo, Duration.ZERO);
        String id = UUID.randomUUID() + "-sync";
        atOnce.handleOnce(CONSUMER, event(id), () -> { });
        assertThat(marked(id)).isTrue();
    }

    private boolean marked(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), "processed_events");
    }

    private static InboundEvent event(String id) {
        return new InboundEvent(id, "kyoso.test.Happened.v1", "test", null, null,
                JsonMapper.builder().build().createObjectNode());
    }

    /** Closes the writer's thread whatever the test did. */
    private record Marks(ProcessedEvents events) implements AutoCloseable {
        @Override
        public void close() {
            events.close();
        }
    }
}
