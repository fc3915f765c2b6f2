package jp.kyoso.posts.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
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
    /** A failed reindex is tried again after 1, 2, 4 … seconds (at most a minute apart), this many times. */
    static final int REINDEX_RETRIES = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final SearchEngine engine;
    private final Duration firstRetry;
    /** One thread: writes run in order. Retries are scheduled on it too. */
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });
    /** Threads queued for reindexing and not started yet: a second signal for one of them adds nothing. */
    private final Map<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private volatile Instant lastRebuild;

    @Autowired
    public SearchIndexer(MongoTemplate mongo, SearchEngine engine) {
        this(mongo, engine, Duration.ofSeconds(1));
    }

    SearchIndexer(MongoTemplate mongo, SearchEngine engine, Duration firstRetry) {
        this.mongo = mongo;
        this.engine = engine;
        this.firstRetry = firstRetry;
        // at shutdown, retries still waiting are dropped: the next start rebuilds the index anyway
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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
            log.debug("Reindexing of post {} failed, a retry is scheduled: {}", change.postId(), e.getMessage());
        }
    }

    /**
     * Reads the post's thread from MongoDB and replaces it in the index. A failure (MongoDB unreachable for a moment)
     * is retried with backoff; the returned future reports the first attempt only.
     */
    public CompletableFuture<Void> reindex(String postId) {
        return reindex(postId, 0);
    }

    private CompletableFuture<Void> reindex(String postId, int retries) {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        CompletableFuture<Void> existing = queued.putIfAbsent(postId, pending);
        if (existing != null) {
            return existing;
        }
        submit(pending, () -> {
            // leave the queue before reading, so a change made while reading queues a new pass
            queued.remove(postId, pending);
            try {
                engine.replaceThread(postId, thread(postId));
                engine.refresh();
                pending.complete(null);
            } catch (RuntimeException e) {
                pending.completeExceptionally(e);
                if (retries < REINDEX_RETRIES) {
                    Duration delay = backoff(retries);
                    log.warn("Cannot reindex post {}, trying again in {} ms: {}", postId, delay.toMillis(),
                            e.getMessage());
                    later(delay, () -> reindex(postId, retries + 1));
                } else {
                    // searches still never show it if it is hidden or deleted (see PostSearch); the next change
                    // of the thread or the next start indexes it again
                    log.error("Giving up reindexing post {} after {} attempts: {}", postId, retries + 1,
                            e.getMessage());
                }
            }
        });
        return pending;
    }

    /**
     * Empties the index and fills it again from MongoDB. A failed rebuild is tried again with backoff until one
     * succeeds (the instance is not ready before); the returned future reports this attempt only.
     */
    public CompletableFuture<Void> rebuild() {
        return rebuild(0);
    }

    private CompletableFuture<Void> rebuild(int failures) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(done, () -> {
            try {
                long started = System.nanoTime();
                int documents = rebuildNow();
                lastRebuild = Instant.now();
                log.info("Search index rebuilt from MongoDB: {} documents in {} ms", documents,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                done.complete(null);
            } catch (RuntimeException e) {
                Duration delay = backoff(failures);
                log.error("Search index rebuild failed, trying again in {} ms", delay.toMillis(), e);
                done.completeExceptionally(e);
                later(delay, () -> rebuild(failures + 1));
            }
        });
        return done;
    }

    /** When the index was last filled from MongoDB; null until the first rebuild has finished. */
    public Instant lastRebuild() {
        return lastRebuild;
    }

    private Duration backoff(int failures) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(failures, 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void submit(CompletableFuture<Void> result, Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    private void later(Duration delay, Runnable task) {
        try {
            writer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Shutting down: no retry");
        }
    }

    private List<SearchDocument> thread(String postId) {
        Document post = mongo.findById(postId, Document.class, "posts");
        if (post == null || !isVisible(post)) {
            return List.of();
        }
        List<SearchDocument> documents = new ArrayList<>();
        documents.add(postDocument(post));
        Query replies = Query.query(Criteria.where("postId").is(postId)).with(Sort.by("createdAt", "_id"));
        Set<String> replyIds = new HashSet<>();
        for (Document reply : mongo.find(replies, Document.class, "replies")) {
            documents.add(replyDocument(post, reply));
            replyIds.add(reply.getString("_id"));
        }
        addPendingReplies(post, replyIds, documents);
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
                Set<String> replyIds = new HashSet<>();
                while (reply != null && reply.getString("postId").equals(postId)) {
                    batch.add(replyDocument(post, reply));
                    replyIds.add(reply.getString("_id"));
                    reply = replyIterator.hasNext() ? replyIterator.next() : null;
                }
                addPendingReplies(post, replyIds, batch);
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

    /**
     * Replies accepted by the post but not yet copied to the replies collection (see reply.PendingReplies): they are
     * part of the thread already, and the ReplyAdded event that makes other instances reindex may come first.
     */
    private static void addPendingReplies(Document post, Set<String> replyIds, List<SearchDocument> documents) {
        for (Document pending : post.getList(PostFields.PENDING_REPLIES, Document.class, List.of())) {
            if (replyIds.add(pending.getString("_id"))) {
                documents.add(replyDocument(post, pending));
            }
        }
    }

    private static boolean isVisible(Document post) {
        return !Boolean.TRUE.equals(post.getBoolean("deleted")) && !Boolean.TRUE.equals(post.getBoolean("hidden"));
    }

    private static SearchDocument postDocument(Document post) {
        return new SearchDocument(post.getString("_id"), null, post.getString("channelSlug"), post.getString("kind"),
                post.getString("title"), PlainText.fromMarkdown(post.getString("body")), instant(post, "createdAt"),
                isSolved(post));
    }

    private static SearchDocument replyDocument(Document post, Document reply) {
        return new SearchDocument(post.getString("_id"), reply.getString("_id"), post.getString("channelSlug"),
                post.getString("kind"), post.getString("title"), PlainText.fromMarkdown(reply.getString("body")),
                instant(reply, "createdAt"), isSolved(post));
    }

    /** A question with a chosen answer (post.Post#solved, read from the raw document). */
    static boolean isSolved(Document post) {
        return "QUESTION".equals(post.getString(PostFields.KIND)) && post.get(PostFields.ANSWER) != null;
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
