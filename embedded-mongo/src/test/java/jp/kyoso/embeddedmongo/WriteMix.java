package jp.kyoso.embeddedmongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The document writes one post causes across the services, from N threads: the post insert (about 1.5 KB, with one
 * outbox event), the outbox relay's lease {@code $set}, event {@code $pull} and lease {@code $unset} on the same
 * document, three small inserts in other databases (idempotency record, processed-event mark, notice) and a counter
 * {@code $inc}. Prints writes/s and p50/p95/p99 per operation.
 */
final class WriteMix {

    private static final String[] OPERATIONS = {"insert post", "$set lease", "$pull outbox event", "$unset lease",
        "insert idempotency record", "insert processed-event mark", "insert notice", "$inc channel counter"};

    private final MongoClient client;
    private final int threads;
    private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();

    WriteMix(MongoClient client, int threads) {
        this.client = client;
        this.threads = threads;
    }

    void run(Duration duration) {
        // a short warm-up, not measured
        runFor(Duration.ofSeconds(3), false);
        nanos.clear();
        long started = System.nanoTime();
        long posts = runFor(duration, true);
        double seconds = (System.nanoTime() - started) / 1e9;
        long writes = posts * OPERATIONS.length;
        System.out.printf("%nwrite mix, %d threads, %.1f s: %,d posts, %,d writes: %.0f writes/s = %.1f posts/s%n",
            threads, seconds, posts, writes, writes / seconds, posts / seconds);
        for (String operation : OPERATIONS) {
            long[] sorted = nanos.getOrDefault(operation, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                continue;
            }
            System.out.printf("  %-30s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", operation,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 95 / 100] / 1e6,
                sorted[sorted.length * 99 / 100] / 1e6, sorted[sorted.length - 1] / 1e6);
        }
    }

    private long runFor(Duration duration, boolean record) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong posts = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(executor.submit(() -> {
                Random random = new Random(thread * 31L + System.nanoTime());
                List<long[]> local = new ArrayList<>();
                while (!stop.get()) {
                    onePost(random, record ? local : null);
                    posts.incrementAndGet();
                }
                if (record) {
                    for (long[] sample : local) {
                        nanos.computeIfAbsent(OPERATIONS[(int) sample[0]], k -> new ArrayList<>());
                    }
                    synchronized (nanos) {
                        for (long[] sample : local) {
                            nanos.get(OPERATIONS[(int) sample[0]]).add(sample[1]);
                        }
                    }
                }
            }));
        }
        try {
            Thread.sleep(duration.toMillis());
            stop.set(true);
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            executor.shutdownNow();
        }
        return posts.get();
    }

    private void onePost(Random random, List<long[]> samples) {
        MongoCollection<Document> posts = client.getDatabase("posts").getCollection("posts");
        MongoCollection<Document> counters = client.getDatabase("posts").getCollection("channel_counters");
        MongoCollection<Document> idempotency = client.getDatabase("posts").getCollection("idempotency_keys");
        MongoCollection<Document> processed = client.getDatabase("notifications").getCollection("processed_events");
        MongoCollection<Document> notices = client.getDatabase("notifications").getCollection("notices");

        ObjectId id = new ObjectId();
        String eventId = new ObjectId().toHexString();
        String channel = "ch-" + random.nextInt(130);
        Date now = Date.from(Instant.now());
        Document post = new Document("_id", id)
            .append("channelId", channel)
            .append("authorId", "m-" + random.nextInt(15_000))
            .append("createdAt", now)
            .append("title", "書き込み " + id)
            .append("body", BODY)
            .append("deletedAt", null)
            .append("outbox", List.of(new Document("eventId", eventId).append("type", "posts.post-created.v1")
                .append("payload", new Document("postId", id.toHexString()).append("channelId", channel))));
        time(samples, 0, () -> posts.insertOne(post));
        Document byId = new Document("_id", id);
        time(samples, 1, () -> posts.updateOne(byId, new Document("$set", new Document("outboxLease",
            new Document("owner", "relay-" + random.nextInt(4)).append("until", new Date(now.getTime() + 30_000))))));
        time(samples, 2, () -> posts.updateOne(byId, new Document("$pull",
            new Document("outbox", new Document("eventId", eventId)))));
        time(samples, 3, () -> posts.updateOne(byId, new Document("$unset", new Document("outboxLease", ""))));
        time(samples, 4, () -> idempotency.insertOne(new Document("_id", "idem-" + new ObjectId().toHexString())
            .append("memberId", "m-" + random.nextInt(15_000)).append("postId", id.toHexString()).append("at", now)));
        time(samples, 5, () -> processed.insertOne(new Document("_id", eventId).append("at", now)));
        time(samples, 6, () -> notices.insertOne(new Document("_id", new ObjectId()).append("memberId",
            "m-" + random.nextInt(15_000)).append("postId", id.toHexString()).append("kind", "new-post").append("at", now)));
        time(samples, 7, () -> counters.updateOne(new Document("_id", channel),
            new Document("$inc", new Document("posts", 1)), new UpdateOptions().upsert(true)));
    }

    private static void time(List<long[]> samples, int operation, Runnable write) {
        long started = System.nanoTime();
        write.run();
        if (samples != null) {
            samples.add(new long[] {operation, System.nanoTime() - started});
        }
    }

    private static final String BODY = body();

    private static String body() {
        // ~1.2 KB of UTF-8: 400 Japanese characters
        String sentence = "新しい予約システムへの移行について、窓口の運用で気をつけたことを共有します。";
        StringBuilder body = new StringBuilder();
        while (body.length() < 400) {
            body.append(sentence);
        }
        return body.substring(0, 400);
    }
}
