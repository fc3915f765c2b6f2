package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Replies that arrive one by one, each while the indexer is idle, share searchers: a new searcher per reply was a
 * tenth of posts-service's CPU at 30 replies a second. Each reply still becomes searchable on its own, soon after.
 */
class SearchRefreshBatchingTest {
    private static final int REPLIES = 30;
    private static final long ARRIVAL_GAP_MILLIS = 10;

    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final SearchEngine engine = new SearchEngine(new ByteBuffersDirectory());
    private final SearchIndexer indexer = new SearchIndexer(mongo, engine, Duration.ofMillis(20));
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() throws Exception {
        arrivals.shutdownNow();
        indexer.destroy();
        engine.close();
    }

    @Test
    void repliesArrivingOneByOneShareSearchersAndAllBecomeSearchable() {
        Document post = new Document("_id", "p1").append("channelSlug", "general").append("kind", "QUESTION")
                .append("title", "除雪車の配車").append("body", "どう決めていますか。").append("deleted", false)
                .append("hidden", false).append("createdAt", new Date());
        when(mongo.findOne(any(Query.class), eq(Document.class), eq("posts"))).thenReturn(post);
        when(mongo.findById(anyString(), eq(Document.class), eq("replies"))).thenAnswer(invocation -> new Document(
                "_id", invocation.getArgument(0)).append("postId", "p1").append("body", "前日の積雪予報で配車表を作ります。")
                .append("createdAt", new Date()));
        // the first reply loads the analyzer's dictionaries; the replies after it find the indexer idle
        assertThat(indexer.indexReply("p1", "first")).succeedsWithin(Duration.ofSeconds(10));
        long refreshesBefore = indexer.refreshes();
        List<CompletableFuture<Void>> written = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();

        // open-loop arrivals, as writers send them: reply i is due at i × 10 ms, whatever the indexer is doing
        arrivals.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < REPLIES) {
                written.add(indexer.indexReply("p1", "r" + i));
            }
        }, 0, ARRIVAL_GAP_MILLIS, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == REPLIES
                && written.stream().allMatch(CompletableFuture::isDone));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(written).allSatisfy(reply -> assertThat(reply).isCompleted());
        assertThat(engine.search("配車表", null, null, 0, 10).hits()).isNotEmpty();
        // at most one searcher per MIN_REFRESH_INTERVAL, plus the first one and the last one (one per reply, as before,
        // opened 23 in 355 ms here)
        long allowed = elapsedMillis / SearchIndexer.MIN_REFRESH_INTERVAL.toMillis() + 2;
        assertThat(indexer.refreshes() - refreshesBefore)
                .as("searchers opened for %d replies in %d ms", REPLIES, elapsedMillis)
                .isLessThanOrEqualTo(allowed);
    }
}
