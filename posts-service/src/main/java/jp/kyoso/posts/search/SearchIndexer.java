package jp.kyoso.posts.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index a projection of MongoDB. Every change is "reindex this post's thread from what MongoDB holds
 * now", which is idempotent and indifferent to the order and number of signals: the signal says which thread changed,
 * the database says what it looks like.
 *
 * <p>All index writes run on one thread, in order. That is what makes the start-up race-free: the rebuild is queued
 * before any event that arrives after the consumer's start position was fixed, so a change made during the rebuild is
 * reindexed again after it, from the newer state.
 */
@Component
public class SearchIndexer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    /** A member who just posted waits at most this long to find their post on this instance. */
    private static final long READ_YOUR_WRITE_MILLIS = 3000;
    private static final int REBUILD_BATCH = 500;

    private final MongoTemplate mongo;
    private final SearchEngine engine;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });
    /** Threads queued for reindexing and not started yet: a second signal for one of them adds nothing. */
    private final Map<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private volatile Instant lastRebuild;

    public SearchIndexer(MongoTemplate mongo, SearchEngine engine) {
        this.mongo = mongo;
        this.engine = engine;
    }

    /** A write on this instance: reindex now and wait a little, so the writer finds their own post. */
    @EventListener
    public void onThreadChanged(ThreadChanged change) {
        CompletableFuture<Void> done = reindex(change.postId());
        try {
            done.get(READ_YOUR_WRITE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("Reindexing of post {} still queued (a rebuild is running)", change.postId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Reindexing of post {} failed: {}", change.postId(), e.getMessage());
        }
    }

    public CompletableFuture<Void> reindex(String postId) {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        CompletableFuture<Void> existing = queued.putIfAbsent(postId, pending);
        if (existing != null) {
            return existing;
        }
        writer.execute(() -> {
            // leave the queue before reading, so a change made while reading queues a new pass
            queued.remove(postId, pending);
            try {
                engine.replaceThread(postId, thread(postId));
                engine.refresh();
                pending.complete(null);
            } catch (RuntimeException e) {
                log.warn("Cannot reindex post {}: {}", postId, e.getMessage());
                pending.completeExceptionally(e);
            }
        });
        return pending;
    }

    /** Empties the index and fills it again from MongoDB. */
    public CompletableFuture<Void> rebuild() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.execute(() -> {
            try {
                long started = System.nanoTime();
                int documents = rebuildNow();
                lastRebuild = Instant.now();
                log.info("Search index rebuilt from MongoDB: {} documents in {} ms", documents,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                done.complete(null);
            } catch (RuntimeException e) {
                log.error("Search index rebuild failed", e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    public Instant lastRebuild() {
        return lastRebuild;
    }

    private List<SearchDocument> thread(String postId) {
        Document post = mongo.findById(postId, Document.class, "posts");
        if (post == null || !isVisible(post)) {
            return List.of();
        }
        List<SearchDocument> documents = new ArrayList<>();
        documents.add(postDocument(post));
        Query replies = Query.query(Criteria.where("postId").is(postId)).with(Sort.by("createdAt", "_id"));
        for (Document reply : mongo.find(replies, Document.class, "replies")) {
            documents.add(replyDocument(post, reply));
        }
        return documents;
    }

    /**
     * Posts in id order merged with replies in post id order: one pass over each collection, without holding either
     * in memory.
     */
    private int rebuildNow() {
        engine.clear();
        Query posts = new Query(Criteria.where("deleted").is(false).and("hidden").is(false))
                .with(Sort.by("_id"));
        posts.fields().exclude("outbox").exclude("revisions").exclude("reactions").exclude("reports");
        Query replies = new Query().with(Sort.by("postId", "createdAt", "_id"));
        replies.fields().exclude("outbox");
        int count = 0;
        List<SearchDocument> batch = new ArrayList<>(REBUILD_BATCH);
        try (Stream<Document> postStream = mongo.stream(posts, Document.class, "posts");
             Stream<Document> replyStream = mongo.stream(replies, Document.class, "replies")) {
            Iterator<Document> replyIterator = replyStream.iterator();
            Document reply = replyIterator.hasNext() ? replyIterator.next() : null;
            for (Iterator<Document> it = postStream.iterator(); it.hasNext(); ) {
                Document post = it.next();
                String postId = post.getString("_id");
                batch.add(postDocument(post));
                while (reply != null && reply.getString("postId").compareTo(postId) < 0) {
                    reply = replyIterator.hasNext() ? replyIterator.next() : null;
                }
                while (reply != null && reply.getString("postId").equals(postId)) {
                    batch.add(replyDocument(post, reply));
                    reply = replyIterator.hasNext() ? replyIterator.next() : null;
                }
                if (batch.size() >= REBUILD_BATCH) {
                    engine.addAll(batch);
                    count += batch.size();
                    batch.clear();
                }
            }
        }
        engine.addAll(batch);
        count += batch.size();
        engine.commit();
        engine.refresh();
        return count;
    }

    private static boolean isVisible(Document post) {
        return !Boolean.TRUE.equals(post.getBoolean("deleted")) && !Boolean.TRUE.equals(post.getBoolean("hidden"));
    }

    private static SearchDocument postDocument(Document post) {
        return new SearchDocument(post.getString("_id"), null, post.getString("channelSlug"), post.getString("kind"),
                post.getString("title"), PlainText.fromMarkdown(post.getString("body")), instant(post, "createdAt"));
    }

    private static SearchDocument replyDocument(Document post, Document reply) {
        return new SearchDocument(post.getString("_id"), reply.getString("_id"), post.getString("channelSlug"),
                post.getString("kind"), post.getString("title"), PlainText.fromMarkdown(reply.getString("body")),
                instant(reply, "createdAt"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    @Override
    public void destroy() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
