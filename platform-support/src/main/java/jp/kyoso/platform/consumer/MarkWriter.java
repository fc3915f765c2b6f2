package jp.kyoso.platform.consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the handled-event marks of {@link ProcessedEvents} on a thread of its own, many per insert, so that a
 * consumer's thread goes on to its next record instead of waiting for the mark of the last one: at 50 replies a second
 * the mark's insert was the second longest of notifications-service's seven round trips per record (README
 * "Performance"). A mark is only read when a record comes again, so writing it a little later changes nothing but
 * the window in which a redelivered record runs again; that window already exists (a crash between a handler and
 * its mark) and every handler's effects are idempotent for it.
 *
 * <p>Marks wait at most {@code linger} for company, are written in the order they came, and are retried while the
 * database is unreachable. Until written, a mark is {@link #pending(String) pending}: a record delivered again to
 * this instance meanwhile is still recognised. {@link #close()} writes what is left.
 */
final class MarkWriter implements AutoCloseable {
    static final int MAX_BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(MarkWriter.class);
    private static final long RETRY_AFTER_MILLIS = 1_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Put on the queue by {@link #close()} to end a wait at once. */
    private static final Document WAKE_UP = new Document();

    private final MongoCollection<Document> marks;
    private final long lingerNanos;
    private final BlockingQueue<Document> queue = new LinkedBlockingQueue<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Thread writer;
    private volatile boolean closing;

    MarkWriter(MongoCollection<Document> marks, Duration linger) {
        this.marks = marks;
        this.lingerNanos = linger.toNanos();
        this.writer = new Thread(this::writeUntilClosed, "processed-marks");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    void add(Document mark) {
        pending.add(mark.getString("_id"));
        queue.add(mark);
    }

    boolean pending(String key) {
        return pending.contains(key);
    }

    private void writeUntilClosed() {
        List<Document> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    collect(batch);
                }
                if (!batch.isEmpty()) {
                    insert(batch);
                    batch.forEach(mark -> pending.remove(mark.getString("_id")));
                    batch.clear();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unreachable) {
                if (closing) {
                    log.warn("{} handled-event marks not written at shutdown ({}); those records run again if "
                            + "delivered again, and their effects are idempotent", batch.size(), unreachable.toString());
                    return;
                }
                log.warn("Could not write {} handled-event marks, trying again: {}", batch.size(),
                        unreachable.toString());
                pause();
            }
        }
    }

    /** The first mark that comes, then whatever else comes within the linger, up to a full batch. */
    private void collect(List<Document> batch) throws InterruptedException {
        Document first = closing ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
        if (first == null || first == WAKE_UP) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < MAX_BATCH) {
            long left = closing ? 0 : deadline - System.nanoTime();
            Document next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null || next == WAKE_UP) {
                return;
            }
            batch.add(next);
        }
    }

    private void insert(List<Document> batch) {
        try {
            marks.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            // unordered: every other mark is written; a duplicate is another instance's mark of the same event (a
            // rebalance), and anything else is tried again
            boolean onlyDuplicates = partly.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw partly;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the marks still waiting (at most {@value #MAX_BATCH} per insert) and stops the thread. Not by interrupting
     * it: an interrupted insert is an insert lost.
     */
    @Override
    public void close() {
        closing = true;
        queue.add(WAKE_UP);
        try {
            writer.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
