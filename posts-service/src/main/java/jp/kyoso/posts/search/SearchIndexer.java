package jp.kyoso.posts.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>All index writes run on one thread, in order. That is what makes the start-up race-free: the rebuild (or the
 * catch-up) is queued before any event that arrives after the consumer's start position was fixed, so a change made
 * meanwhile is reindexed again after it, from the newer state.
 *
 * <p><b>Durable, and caught up instead of rebuilt.</b> The index stays in its directory across restarts. Every commit
 * records, with the index's schema version, how far it has followed {@code kyoso.posts.v1} ({@link EventPosition}:
 * per partition the next offset whose event it has not applied). At start the consumer reads on from there and the
 * instance is ready once it has reached the end the topic had at that moment (see SearchEventsConsumer); only an index
 * that is empty, unreadable, of another schema version, or behind what the topic still holds is rebuilt from MongoDB.
 * The recorded position never runs ahead of the index: an event counts as applied only after its reindex (queued
 * before it on the writer thread) has run, and while a thread's reindex keeps failing, commits record the position
 * from before that failure, so a restart replays it.
 */
@Component
public class SearchIndexer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    /**
     * A member who just posted waits at most this long to find their post on this instance. Well below the gateway's
     * timeout (3 s): a busy index (a rebuild, a burst of reindexing on a loaded machine) must not turn a post that is
     * stored into a 503; the post is searchable a moment later instead. It was 3 s, and a CI run got exactly that.
     */
    static final long READ_YOUR_WRITE_MILLIS = 1000;
    private static final int REBUILD_BATCH = 500;
    private static final int INDEXED_AT_WRITE_KEPT = 10_000;
    /** A failed reindex is tried again after 1, 2, 4 … seconds (at most a minute apart), this many times. */
    static final int REINDEX_RETRIES = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** How often applied changes are committed: a crash replays at most this much of the topic. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** How long a reindexed thread may wait for a new searcher while other changes keep coming. */
    static final Duration MAX_REFRESH_DELAY = Duration.ofMillis(200);
    /**
     * At most one new searcher per this interval. Each refresh writes the changes since the last one as a new segment
     * (term dictionaries, FSTs, stored fields) and opens it; at 50 replies a second, one per reply was the search
     * indexer's largest cost (4.9 ms of CPU per reply, more than answering the reply's request) and a third of
     * everything posts-service allocated.
     */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);
    /**
     * How long a change nobody waits for may wait for a new searcher: a reply (its writer reads it in its thread, not
     * in search) and the changes other instances made (their writers are not on this instance). Refreshing for each
     * of them at the pace of {@link #MIN_REFRESH_INTERVAL} was 13-15 % of posts-service's CPU under 50 replies a
     * second, almost all of it the fixed cost of writing a segment of a few documents (README "Performance").
     */
    static final Duration UNAWAITED_REFRESH_DELAY = Duration.ofSeconds(1);

    /** What the index can answer for. Only READY counts for readiness. */
    enum State {
        /** The consumer has no partitions yet. */
        STARTING,
        /** Being filled from MongoDB (or waiting to try that again). */
        REBUILDING,
        /** Reading the events it missed while the instance was down. */
        CATCHING_UP,
        READY
    }

    private final MongoTemplate mongo;
    private final SearchEngine engine;
    private final Duration firstRetry;
    private final Duration unawaitedRefreshDelay;
    /** One thread: writes run in order. Retries and commits are scheduled on it too. */
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });
    /** Threads queued for reindexing and not started yet: a second signal for one of them adds nothing. */
    private final Map<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    /** Of those, the ones someone came to wait for after they were queued by a change nobody waited for. */
    private final Set<String> awaitedWhileQueued = ConcurrentHashMap.newKeySet();
    /** What the last commit recorded when this instance started; empty: nothing to resume from. */
    private final Optional<EventPosition> stored;

    // touched on the writer thread only
    private String topic;
    /** Per partition, the next offset whose event the index does not reflect yet. */
    private final Map<Integer, Long> applied = new HashMap<>();
    /** Threads whose reindex failed and has not succeeded since, with the position from before the failure. */
    private final Map<String, Map<Integer, Long>> unsettled = new HashMap<>();
    /**
     * Replies indexed at their write on this instance whose ReplyAdded record has not come yet (bounded: a reply
     * forgotten here is only indexed twice).
     */
    private final Map<String, Boolean> indexedAtWrite = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > INDEXED_AT_WRITE_KEPT;
        }
    };
    private boolean changedSinceCommit;
    /** Reindexed threads that searches do not see yet, and when the first of them was written. */
    private final List<CompletableFuture<Void>> awaitingRefresh = new ArrayList<>();
    private long oldestAwaitingNanos;
    /** Whether a change someone waits for (a writer on this instance, a caller of reindex) is among them. */
    private boolean awaitedChangeWaiting;
    private long lastRefreshNanos = System.nanoTime() - MIN_REFRESH_INTERVAL.toNanos();
    /** The refresh scheduled on the writer, and when it is due; null when none is. */
    private ScheduledFuture<?> scheduledRefresh;
    private long scheduledRefreshNanos;
    private Map<Integer, Long> catchUpTarget;
    private long catchUpStartedNanos;
    private long catchUpEvents;
    private long catchUpReadsBefore;

    private volatile State state = State.STARTING;
    private volatile Instant lastRebuild;
    private volatile Instant caughtUpAt;
    private final AtomicInteger rebuilds = new AtomicInteger();
    private final AtomicLong threadsRead = new AtomicLong();
    private final AtomicLong repliesRead = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    @Autowired
    public SearchIndexer(MongoTemplate mongo, SearchEngine engine) {
        this(mongo, engine, Duration.ofSeconds(1));
    }

    SearchIndexer(MongoTemplate mongo, SearchEngine engine, Duration firstRetry) {
        this(mongo, engine, firstRetry, COMMIT_INTERVAL);
    }

    SearchIndexer(MongoTemplate mongo, SearchEngine engine, Duration firstRetry, Duration commitInterval) {
        this(mongo, engine, firstRetry, commitInterval, UNAWAITED_REFRESH_DELAY);
    }

    SearchIndexer(MongoTemplate mongo, SearchEngine engine, Duration firstRetry, Duration commitInterval,
                  Duration unawaitedRefreshDelay) {
        this.mongo = mongo;
        this.engine = engine;
        this.firstRetry = firstRetry;
        this.unawaitedRefreshDelay = unawaitedRefreshDelay;
        this.stored = EventPosition.fromCommitData(engine.committedData());
        stored.ifPresent(position -> {
            topic = position.topic();
            applied.putAll(position.offsets());
        });
        // at shutdown, retries still waiting are dropped: the last commit records the position from before their
        // failure (see unsettled), so the next start replays their events
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // a refresh brought forward leaves the queue at once, not at its old time (otherTaskReady looks at the head)
        writer.setRemoveOnCancelPolicy(true);
        writer.scheduleWithFixedDelay(this::commitIfChanged, commitInterval.toMillis(), commitInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A write on this instance: reindex now, and for a post wait a little, so the writer finds their own post. A reply
     * does not wait: its writer reads it in its thread (from MongoDB), and search has it within
     * {@link #UNAWAITED_REFRESH_DELAY}.
     */
    @EventListener
    public void onThreadChanged(ThreadChanged change) {
        if (change.replyId() != null) {
            indexReply(change.postId(), change.replyId(), false, change.written());
            return;
        }
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
     * A record of the topic: reindexes the post's thread (postId null: a record that changes no thread) and then
     * counts the record as applied. Both are queued in this order on the writer thread, and a reindex of the same
     * post already queued runs before too, so the position never passes a change that is not in the index.
     */
    public void onEvent(int partition, long offset, String postId) {
        if (postId != null) {
            reindex(postId, 0, false);
        }
        submit(new CompletableFuture<>(), () -> advance(partition, offset + 1));
    }

    /**
     * A record that adds one reply: indexes that reply alone ({@link #indexReply}), then counts the record as applied,
     * in this order on the writer thread as {@link #onEvent} does.
     */
    public void onReplyAdded(int partition, long offset, String postId, String replyId) {
        indexReply(postId, replyId, true, null);
        submit(new CompletableFuture<>(), () -> advance(partition, offset + 1));
    }

    /**
     * Adds one reply to its thread in the index, reading the post and that reply only: reading the whole thread again
     * for each reply made a thread of n replies cost n² (a busy thread of 5,000 replies took seconds per reply). A
     * reindex of the thread already queued covers the reply; a failure falls back to one, with its retries, and keeps
     * the commit from passing this record until it succeeds.
     */
    public CompletableFuture<Void> indexReply(String postId, String replyId) {
        return indexReply(postId, replyId, false, null);
    }

    /**
     * @param fromTopic the reply's ReplyAdded record: skipped when this instance indexed the reply at its write
     *                  ({@link #onThreadChanged}), which read the same reply; indexing it twice doubled the analysis
     *                  and the searcher refreshes of every reply
     * @param written   the reply and its post as its writer on this instance had them, or null to read them: reading
     *                  the post (most of it) and the reply again was two of the reply's MongoDB commands
     */
    private CompletableFuture<Void> indexReply(String postId, String replyId, boolean fromTopic,
                                               ThreadChanged.WrittenReply written) {
        CompletableFuture<Void> threadQueued = queued.get(postId);
        if (threadQueued != null) {
            return threadQueued;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(done, () -> {
            if (fromTopic && indexedAtWrite.remove(replyId) != null) {
                done.complete(null);
                return;
            }
            try {
                SearchDocument reply = written != null ? replyDocument(postId, replyId, written)
                        : reply(postId, replyId);
                if (reply != null) {
                    engine.replaceReply(reply);
                    changedSinceCommit = true;
                }
                if (!fromTopic) {
                    indexedAtWrite.put(replyId, Boolean.TRUE);
                }
                visibleSoon(done, false);
            } catch (RuntimeException e) {
                unsettled.putIfAbsent(postId, new HashMap<>(applied));
                log.warn("Cannot index reply {} of post {}, reindexing the thread instead: {}", replyId, postId,
                        e.getMessage());
                reindex(postId).whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failure);
                    }
                });
            }
        });
        return done;
    }

    /**
     * The reply's search document, or null when it is not searchable: its post is gone, deleted or hidden (the
     * post's own event takes the thread out), or the reply is neither copied nor pending.
     */
    private SearchDocument reply(String postId, String replyId) {
        repliesRead.incrementAndGet();
        Query postQuery = Query.query(Criteria.where("_id").is(postId));
        postQuery.fields().exclude("outbox").exclude("revisions").exclude("reactions").exclude("reports");
        Document post = mongo.findOne(postQuery, Document.class, "posts");
        if (post == null || !isVisible(post)) {
            return null;
        }
        Document reply = mongo.findById(replyId, Document.class, "replies");
        if (reply == null) {
            reply = post.getList(PostFields.PENDING_REPLIES, Document.class, List.of()).stream()
                    .filter(pending -> replyId.equals(pending.getString("_id"))).findFirst().orElse(null);
        }
        return reply == null ? null : replyDocument(post, reply);
    }

    /**
     * Reads the post's thread from MongoDB and replaces it in the index. A failure (MongoDB unreachable for a moment)
     * is retried with backoff; the returned future reports the first attempt only.
     */
    public CompletableFuture<Void> reindex(String postId) {
        return reindex(postId, 0, true);
    }

    /** @param awaited whether someone waits to find the change in search (see {@link #visibleSoon}) */
    private CompletableFuture<Void> reindex(String postId, int retries, boolean awaited) {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        CompletableFuture<Void> existing = queued.putIfAbsent(postId, pending);
        if (existing != null) {
            if (awaited) {
                // the writer of an edit must not wait for the searcher of the topic's earlier change of the post
                awaitedWhileQueued.add(postId);
            }
            return existing;
        }
        submit(pending, () -> {
            // leave the queue before reading, so a change made while reading queues a new pass
            queued.remove(postId, pending);
            boolean someoneWaits = awaitedWhileQueued.remove(postId) || awaited;
            try {
                List<SearchDocument> documents = thread(postId);
                engine.replaceThread(postId, documents);
                unsettled.remove(postId);
                changedSinceCommit = true;
                visibleSoon(pending, someoneWaits);
            } catch (RuntimeException e) {
                pending.completeExceptionally(e);
                unsettled.putIfAbsent(postId, new HashMap<>(applied));
                if (retries < REINDEX_RETRIES) {
                    Duration delay = backoff(retries);
                    log.warn("Cannot reindex post {}, trying again in {} ms: {}", postId, delay.toMillis(),
                            e.getMessage());
                    later(delay, () -> reindex(postId, retries + 1, someoneWaits));
                } else {
                    // searches still never show it if it is hidden or deleted (see PostSearch); the next change
                    // of the thread indexes it again, and until then commits keep the position from before the
                    // failure, so the next start replays its event
                    log.error("Giving up reindexing post {} after {} attempts: {}", postId, retries + 1,
                            e.getMessage());
                }
            }
        });
        return pending;
    }

    /**
     * The consumer starts where the last commit left off ({@link #storedPosition()}): applies the events from there
     * and is ready once every partition has reached {@code end}, the offsets the topic had when the consumer started.
     */
    public void resume(String topic, Map<Integer, Long> end) {
        EventPosition from = stored.orElseThrow(() -> new IllegalStateException("no position to resume from"));
        submit(new CompletableFuture<>(), () -> {
            this.topic = topic;
            applied.putAll(from.offsets());
            catchUpTarget = Map.copyOf(end);
            catchUpStartedNanos = System.nanoTime();
            catchUpReadsBefore = threadsRead.get();
            state = State.CATCHING_UP;
            log.info("Search index found ({} documents); catching up with {} from {} to {}",
                    engine.documentCount(), topic, new TreeMap<>(from.offsets()), new TreeMap<>(end));
            checkCaughtUp();
        });
    }

    /**
     * The consumer starts at {@code positions} (fixed before this is called): empties the index and fills it again
     * from MongoDB, which holds every change before them; the events from them on follow.
     */
    public CompletableFuture<Void> rebuildFrom(String topic, Map<Integer, Long> positions) {
        submit(new CompletableFuture<>(), () -> {
            this.topic = topic;
            applied.clear();
            applied.putAll(positions);
        });
        return rebuild();
    }

    /** What the index recorded at its last commit before this start; empty when it must be rebuilt. */
    public Optional<EventPosition> storedPosition() {
        return stored;
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
                state = State.REBUILDING;
                long started = System.nanoTime();
                int documents = rebuildNow();
                // the rebuild read every thread after the failures so far
                unsettled.clear();
                lastRebuild = Instant.now();
                rebuilds.incrementAndGet();
                state = State.READY;
                changedSinceCommit = true;
                if (topic == null) {
                    engine.commit();
                } else {
                    commitIfChanged();
                }
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

    /**
     * Completes {@code written} once searches see it. Opening a new searcher costs more than indexing one thread, so
     * changes share one. While a change someone waits for is among them, the searcher is refreshed when no other task
     * is ready to run, or when the oldest change waiting has waited {@link #MAX_REFRESH_DELAY}; otherwise once the
     * oldest has waited {@link #UNAWAITED_REFRESH_DELAY}. Never sooner than {@link #MIN_REFRESH_INTERVAL} after the
     * last refresh (changes that come meanwhile wait for the one refresh at its end).
     */
    private void visibleSoon(CompletableFuture<Void> written, boolean awaited) {
        if (awaitingRefresh.isEmpty()) {
            oldestAwaitingNanos = System.nanoTime();
        }
        awaitingRefresh.add(written);
        awaitedChangeWaiting |= awaited;
        if (awaitedChangeWaiting && !otherTaskReady()) {
            refreshWhenDue();
        } else {
            // a refresh is always scheduled: the tasks ahead may not be ones that look again when they end (the
            // periodic commit, the lag gauge's reads), and the change must not wait for the next write
            refreshNoSoonerThan(oldestAwaitingNanos
                    + (awaitedChangeWaiting ? MAX_REFRESH_DELAY : unawaitedRefreshDelay).toNanos());
        }
    }

    private void refreshIfIdle() {
        if (awaitedChangeWaiting && !otherTaskReady()) {
            refreshWhenDue();
        }
    }

    private void refreshWhenDue() {
        refreshNoSoonerThan(System.nanoTime());
    }

    /** Refreshes at {@code dueNanos}, or at the minimum interval after the last refresh if that is later. */
    private void refreshNoSoonerThan(long dueNanos) {
        long due = Math.max(dueNanos, lastRefreshNanos + MIN_REFRESH_INTERVAL.toNanos());
        long wait = due - System.nanoTime();
        if (wait <= 0) {
            refreshNow();
            return;
        }
        if (scheduledRefresh != null) {
            if (scheduledRefreshNanos <= due) {
                return;
            }
            scheduledRefresh.cancel(false);
        }
        try {
            scheduledRefreshNanos = due;
            scheduledRefresh = writer.schedule(() -> {
                scheduledRefresh = null;
                refreshNow();
            }, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            scheduledRefresh = null;
            refreshNow();
        }
    }

    private void refreshNow() {
        if (awaitingRefresh.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> written = new ArrayList<>(awaitingRefresh);
        awaitingRefresh.clear();
        awaitedChangeWaiting = false;
        if (scheduledRefresh != null) {
            scheduledRefresh.cancel(false);
            scheduledRefresh = null;
        }
        lastRefreshNanos = System.nanoTime();
        refreshes.incrementAndGet();
        try {
            engine.refresh();
            written.forEach(future -> future.complete(null));
        } catch (RuntimeException e) {
            written.forEach(future -> future.completeExceptionally(e));
            throw e;
        }
    }

    /** A task queued on the writer and due now (the queue also holds the periodic commit, due later). */
    private boolean otherTaskReady() {
        Runnable head = writer.getQueue().peek();
        return head instanceof Delayed delayed && delayed.getDelay(TimeUnit.NANOSECONDS) <= 0;
    }

    /** Per partition, the next offset the index does not reflect yet, read on the writer thread (for the lag gauge). */
    public CompletableFuture<Map<Integer, Long>> appliedPosition() {
        return CompletableFuture.supplyAsync(() -> Map.copyOf(applied), writer);
    }

    private void advance(int partition, long next) {
        applied.merge(partition, next, Math::max);
        changedSinceCommit = true;
        if (state == State.CATCHING_UP) {
            catchUpEvents++;
            checkCaughtUp();
        }
    }

    private void checkCaughtUp() {
        for (Map.Entry<Integer, Long> target : catchUpTarget.entrySet()) {
            if (applied.getOrDefault(target.getKey(), -1L) < target.getValue()) {
                return;
            }
        }
        // ready means searches answer for everything up to the start: the last changes may still wait for a refresh
        // that other queued tasks put off (visibleSoon)
        refreshNow();
        state = State.READY;
        caughtUpAt = Instant.now();
        log.info("Search index caught up with {} in {} ms without a rebuild: {} events applied, {} threads read "
                        + "again from MongoDB, {} documents in the index", topic,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - catchUpStartedNanos), catchUpEvents,
                threadsRead.get() - catchUpReadsBefore, engine.documentCount());
        commitIfChanged();
    }

    /** Commits the index with the position it has applied, unless it is incomplete (being rebuilt). */
    private void commitIfChanged() {
        if (!changedSinceCommit || topic == null || (state != State.READY && state != State.CATCHING_UP)) {
            return;
        }
        Map<Integer, Long> position = new HashMap<>(applied);
        for (Map<Integer, Long> beforeFailure : unsettled.values()) {
            position.replaceAll((partition, offset) -> Math.min(offset, beforeFailure.getOrDefault(partition, offset)));
        }
        try {
            engine.commit(new EventPosition(topic, position).toCommitData());
            changedSinceCommit = false;
        } catch (RuntimeException e) {
            log.warn("Cannot commit the search index, trying again later: {}", e.getMessage());
        }
    }

    /** Whether the index answers for everything up to the moment the consumer started (readiness). */
    public boolean isReady() {
        return state == State.READY;
    }

    State state() {
        return state;
    }

    /** When the index was last filled from MongoDB by this instance; null if it has not been (yet). */
    public Instant lastRebuild() {
        return lastRebuild;
    }

    /** When the index, kept from the last run, had caught up with the events; null if it has not (yet). */
    public Instant caughtUpAt() {
        return caughtUpAt;
    }

    /** How many times this instance has filled the index from MongoDB. */
    public int rebuilds() {
        return rebuilds.get();
    }

    /** How many replies this instance has read from MongoDB one by one to index them alone. */
    public long repliesRead() {
        return repliesRead.get();
    }

    /** How many new searchers this instance has opened for changes (rebuilds and start-up not counted). */
    public long refreshes() {
        return refreshes.get();
    }

    /** How many threads this instance has read from MongoDB one by one (reindexes; rebuilds not counted). */
    public long threadsRead() {
        return threadsRead.get();
    }

    private Duration backoff(int failures) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(failures, 16));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void submit(CompletableFuture<Void> result, Runnable task) {
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } finally {
                    refreshIfIdle();
                }
            });
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
        threadsRead.incrementAndGet();
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
     * in memory. Both are read in the order of an index and without a filter (deleted and hidden posts are skipped
     * here, they are few): the posts by {@code _id}, the replies by reply.ReplyIndexes' post_created
     * (postId, createdAt, _id), which also serves a thread's replies in {@link #thread}.
     */
    private int rebuildNow() {
        engine.clear();
        Query posts = new Query().with(Sort.by("_id"));
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
                if (!isVisible(post)) {
                    continue;
                }
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

    /** Neither deleted nor hidden (read from the raw document). */
    static boolean isVisible(Document post) {
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

    private static SearchDocument replyDocument(String postId, String replyId, ThreadChanged.WrittenReply written) {
        return new SearchDocument(postId, replyId, written.channelSlug(), written.postKind(), written.postTitle(),
                PlainText.fromMarkdown(written.body()), written.createdAt(), written.postSolved());
    }

    /** A question with a chosen answer (post.Post#solved, read from the raw document). */
    static boolean isSolved(Document post) {
        return "QUESTION".equals(post.getString(PostFields.KIND)) && post.get(PostFields.ANSWER) != null;
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** Commits what has been applied (after the writes still queued), so the next start reads on from there. */
    @Override
    public void destroy() {
        submit(new CompletableFuture<>(), this::commitIfChanged);
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
