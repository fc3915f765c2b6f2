package jp.kyoso.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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

/** Handled-event marks are forgotten after their retention, in batches, on a server without TTL. */
@SpringBootTest(classes = PlumbingTestApplication.class)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
class ProcessedEventsPurgeTest {
    @Autowired
    ProcessedEvents processedEvents;
    @Autowired
    MongoTemplate mongo;

    @Test
    void marksPastTheRetentionAreRemovedABatchAtATimeAndRecentOnesStay() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            mark(run + "-old-" + i, Instant.now().minus(Duration.ofDays(20)));
        }
        mark(run + "-recent", Instant.now().minus(Duration.ofDays(1)));

        assertThat(processedEvents.purgeOlderThan(Duration.ofDays(14), 3)).isEqualTo(3);
        assertThat(processedEvents.purgeOlderThan(Duration.ofDays(14), 3)).isEqualTo(2);
        assertThat(processedEvents.purgeOlderThan(Duration.ofDays(14), 3)).isZero();

        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(run + "-recent")), "processed_events")).isTrue();
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(run + "-old-0")), "processed_events")).isFalse();
    }

    private void mark(String id, Instant at) {
        mongo.insert(new Document("_id", id).append("type", "test").append("at", java.util.Date.from(at)),
                "processed_events");
    }
}
