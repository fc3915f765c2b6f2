package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * A new searcher costs a segment written and opened. Changes someone waits for (a post's writer on this instance, a
 * caller of reindex) get one at once; the others (replies, other instances' changes) share one opened after a delay.
 * The indexer reads a real post and its replies from the embedded MongoDB-wire server.
 */
class SearchRefreshPacingTest {
    private static final int REPLIES = 20;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String postId = "pacing-" + suffix;
    private final List<String> replyIds = new ArrayList<>();
    private final List<SearchIndexer> indexers = new ArrayList<>();
    private final List<SearchEngine> engines = new ArrayList<>();
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void aPostWithReplies() {
        client = MongoClients.create("mongodb://" + EmbeddedInfrastructure.mongoAddress());
        mongo = new MongoTemplate(client, "kyoso-refresh-pacing-" + suffix);
        // the index a thread's replies are read by (reply.ReplyIndexes), for the embedded server's strict mode
        mongo.indexOps("replies").createIndex(new Index().on("postId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("post_created"));
        mongo.insert(new Document("_id", postId).append("channelSlug", "general").append("kind", "QUESTION")
                .append("title", "住民票の広域交付 " + suffix).append("body", "窓口の運用を教えてください。")
                .append("deleted", false).append("hidden", false).append("createdAt", new Date()), "posts");
        for (int i = 0; i < REPLIES; i++) {
            String replyId = postId + "-r" + i;
            replyIds.add(replyId);
            mongo.insert(new Document("_id", replyId).append("postId", postId)
                    .append("body", "本人確認書類の扱い " + i).append("createdAt", new Date()), "replies");
        }
    }

    @AfterEach
    void close() throws Exception {
        for (SearchIndexer indexer : indexers) {
            indexer.destroy();
        }
        for (SearchEngine engine : engines) {
            engine.close();
        }
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void repliesNobodyWaitsForWaitAndAnAwaitedChangeTakesThemAlong() throws Exception {
        // a delay longer than the test: only the awaited change can open a searcher here
        SearchEngine engine = engine();
        SearchIndexer indexer = indexer(engine, Duration.ofMinutes(5));

        List<CompletableFuture<Void>> replies = replyIds.stream()
                .map(replyId -> indexer.indexReply(postId, replyId)).toList();
        // runs on the writer after the replies' tasks: they are in the index's buffer, not in a searcher
        indexer.appliedPosition().get(10, TimeUnit.SECONDS);
        // and they stay there for longer than a change someone waits for may wait (MAX_REFRESH_DELAY)
        await().during(SearchIndexer.MAX_REFRESH_DELAY.multipliedBy(3)).atMost(Duration.ofSeconds(5))
                .until(() -> indexer.refreshes() == 0);
        assertThat(replies).noneMatch(CompletableFuture::isDone);
        assertThat(engine.documentCount()).isZero();

        indexer.reindex(postId).get(10, TimeUnit.SECONDS);

        assertThat(replies).allMatch(reply -> reply.isDone() && !reply.isCompletedExceptionally());
        assertThat(indexer.refreshes()).isEqualTo(1);
        // the thread: the post and its replies
        assertThat(engine.documentCount()).isEqualTo(1 + REPLIES);
    }

    @Test
    void repliesNobodyWaitsForShareOneSearcherOpenedAfterTheDelay() throws Exception {
        SearchEngine engine = engine();
        SearchIndexer indexer = indexer(engine, Duration.ofMillis(300));

        List<CompletableFuture<Void>> replies = replyIds.stream()
                .map(replyId -> indexer.indexReply(postId, replyId)).toList();

        // nothing else comes after them: the searcher is opened on the delay alone
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(indexer.refreshes()).isEqualTo(1);
        assertThat(engine.documentCount()).isEqualTo(REPLIES);
    }

    @Test
    void aWriterWhoseChangeJoinsAReindexAlreadyQueuedForTheTopicDoesNotWaitForTheDelay() throws Exception {
        SearchEngine engine = engine();
        SearchIndexer indexer = indexer(engine, Duration.ofMinutes(5));
        // other threads' reindexes from the topic keep the writer busy, so the post's own stays queued
        for (int i = 0; i < 50; i++) {
            indexer.onEvent(0, i, "other-" + suffix + "-" + i);
        }
        indexer.onEvent(0, 50, postId);

        // the post's writer edits it: their reindex joins the queued one, and they wait for it
        indexer.reindex(postId).get(10, TimeUnit.SECONDS);

        assertThat(engine.documentCount()).isEqualTo(1 + REPLIES);
    }

    private SearchEngine engine() {
        SearchEngine engine = new SearchEngine(new ByteBuffersDirectory());
        engines.add(engine);
        return engine;
    }

    private SearchIndexer indexer(SearchEngine engine, Duration unawaitedRefreshDelay) {
        SearchIndexer indexer = new SearchIndexer(mongo, engine, Duration.ofSeconds(1), Duration.ofMinutes(5),
                unawaitedRefreshDelay);
        indexers.add(indexer);
        return indexer;
    }
}
