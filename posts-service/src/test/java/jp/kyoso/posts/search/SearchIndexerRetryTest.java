package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** MongoDB unreachable for a moment: the indexer tries again with backoff instead of leaving the index stale. */
class SearchIndexerRetryTest {
    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final SearchEngine engine = new SearchEngine(new ByteBuffersDirectory());
    private final SearchIndexer indexer = new SearchIndexer(mongo, engine, Duration.ofMillis(20));

    @AfterEach
    void close() throws Exception {
        indexer.destroy();
        engine.close();
    }

    @Test
    void aFailedReindexIsRetriedUntilItSucceeds() throws Exception {
        Document post = new Document("_id", "p1").append("channelSlug", "general").append("kind", "IDEA")
                .append("title", "防災無線の更新").append("body", "戸別受信機を配ります。").append("deleted", false)
                .append("hidden", false).append("createdAt", new Date());
        DataAccessResourceFailureException down = new DataAccessResourceFailureException("MongoDB is unreachable");
        when(mongo.findById("p1", Document.class, "posts")).thenThrow(down, down, down).thenReturn(post);
        when(mongo.find(any(Query.class), eq(Document.class), eq("replies"))).thenReturn(List.of());

        // the first attempt fails and says so; the retries go on without anyone asking again
        try {
            indexer.reindex("p1").get(10, TimeUnit.SECONDS);
            throw new AssertionError("the first attempt should have failed");
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).isSameAs(down);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.search("戸別受信機", null, null, 0, 10).hits().isEmpty());
    }

    @Test
    void aFailedRebuildIsRetriedAndOnlyASuccessfulOneCounts() {
        when(mongo.stream(any(Query.class), eq(Document.class), eq("posts")))
                .thenThrow(new DataAccessResourceFailureException("MongoDB is unreachable"))
                .thenAnswer(invocation -> java.util.stream.Stream.of(new Document("_id", "p2")
                        .append("channelSlug", "general").append("kind", "IDEA").append("title", "庁内ネットワーク")
                        .append("body", "更新します。").append("deleted", false).append("hidden", false)));
        when(mongo.stream(any(Query.class), eq(Document.class), eq("replies")))
                .thenAnswer(invocation -> java.util.stream.Stream.empty());

        assertThat(indexer.rebuild()).failsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> indexer.lastRebuild() != null);
        assertThat(engine.search("庁内ネットワーク", null, null, 0, 10).hits()).hasSize(1);
    }
}
