package jp.kyoso.embeddedmongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * 300,000 post-like documents in the H2 backend, read through the MongoDB Java driver over the wire, strict mode on
 * (so every query below is index-served). Not part of the normal build:
 * {@code ./mvnw -o -pl embedded-mongo test -Pengine-benchmark} (optionally {@code -Dbenchmark.posts=...}).
 */
class EngineBenchmark {

    private static final int POSTS = Integer.getInteger("benchmark.posts", 300_000);
    private static final int CHANNELS = 130;
    private static final int MEMBERS = 15_000;
    private static final int ROUNDS = 200;
    private static final int WRITE_THREADS = Integer.getInteger("benchmark.writeThreads", 4);
    private static final int WRITE_SECONDS = Integer.getInteger("benchmark.writeSeconds", 20);
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void run() throws IOException {
        Path directory = Path.of("target", "engine-benchmark");
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(directory);
        String file = directory.resolve("kyoso.mv").toAbsolutePath().toString();
        long heapBefore = usedHeapAfterGc();

        List<ObjectId> threads = new ArrayList<>();
        long loadStarted = System.nanoTime();
        try (WireServer wire = new WireServer(backend(file))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.createIndex(new Document("channelId", 1).append("deletedAt", 1).append("createdAt", -1).append("_id", -1),
                new IndexOptions().name("channel_feed"));
            posts.createIndex(new Document("threadId", 1).append("createdAt", 1), new IndexOptions().name("thread_replies"));
            posts.createIndex(new Document("outbox.eventId", 1), new IndexOptions().name("outbox_pending").sparse(true));
            load(posts, threads);
        }
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        System.out.printf("%nloaded %,d posts (3 secondary indexes) in %.1f s; store file %,d MB%n", POSTS, loadSeconds,
            Files.size(Path.of(file)) / (1024 * 1024));

        long reopenStarted = System.nanoTime();
        try (WireServer wire = new WireServer(backend(file))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.find(feed("ch-7")).sort(newestFirst()).limit(20).into(new ArrayList<>());
            System.out.printf("reopening the store and the first feed page: %.0f ms%n",
                (System.nanoTime() - reopenStarted) / 1e6);
            long heapOpen = usedHeapAfterGc();

            Random random = new Random(7);
            measure("feed page (channelId + deletedAt null, sort createdAt -1, _id -1, limit 20)", () -> {
                List<Document> page = posts.find(feed(channel(random))).sort(newestFirst()).limit(20).into(new ArrayList<>());
                return page.size();
            });
            measure("tenth page by skip (skip 180, limit 20)", () ->
                posts.find(feed(channel(random))).sort(newestFirst()).skip(180).limit(20).into(new ArrayList<>()).size());
            measure("tenth page by range (createdAt < x, limit 20)", () -> {
                String channel = channel(random);
                Date before = Date.from(START.plusSeconds(300L * 24 * 3600 - random.nextInt(30 * 24 * 3600)));
                return posts.find(feed(channel).append("createdAt", new Document("$lt", before))).sort(newestFirst())
                    .limit(20).into(new ArrayList<>()).size();
            });
            measure("count per channel (countDocuments channelId + deletedAt null)", () ->
                (int) posts.countDocuments(feed(channel(random))));
            measure("replies of a thread (threadId, sort createdAt 1, limit 50)", () ->
                posts.find(new Document("threadId", threads.get(random.nextInt(threads.size()))))
                    .sort(new Document("createdAt", 1)).limit(50).into(new ArrayList<>()).size());
            measure("outbox poll ({outbox.eventId: {$exists: true}}, sparse index, limit 100)", () ->
                posts.find(new Document("outbox.eventId", new Document("$exists", true))).limit(100)
                    .into(new ArrayList<>()).size());
            long heapAfterReads = usedHeapAfterGc();
            System.out.printf("heap used after GC: before %,d MB, store open %,d MB, after the reads %,d MB"
                    + " (max heap %,d MB)%n", heapBefore >> 20, heapOpen >> 20, heapAfterReads >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

            new WriteMix(wire.client, WRITE_THREADS).run(Duration.ofSeconds(WRITE_SECONDS));
            System.out.printf("heap used after GC after the writes: %,d MB%n", usedHeapAfterGc() >> 20);
        }
        System.out.printf("store file after the writes and close: %,d MB%n", Files.size(Path.of(file)) / (1024 * 1024));
    }

    /** {@code -Dbenchmark.legacyFormat=true}: the old ObjectDataType format, to compare. */
    private static IndexedH2Backend backend(String file) {
        return Boolean.getBoolean("benchmark.legacyFormat")
            ? new IndexedH2Backend(IndexedH2Backend.openStore(file), new StrictIndexes(true), false)
            : new IndexedH2Backend(file, new StrictIndexes(true));
    }

    private static void load(MongoCollection<Document> posts, List<ObjectId> threads) {
        Random random = new Random(42);
        String body = japaneseBody();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            ObjectId id = new ObjectId();
            // about 300 days of posts, in time order
            Date createdAt = Date.from(START.plusSeconds((long) i * 300L * 24 * 3600 / POSTS));
            Document post = new Document("_id", id)
                .append("channelId", "ch-" + random.nextInt(CHANNELS))
                .append("authorId", "m-" + random.nextInt(MEMBERS))
                .append("createdAt", createdAt)
                .append("title", "投稿 " + i)
                .append("body", body)
                .append("deletedAt", random.nextInt(50) == 0 ? createdAt : null)
                .append("outbox", random.nextInt(1000) == 0
                    ? List.of(new Document("eventId", new ObjectId().toHexString()).append("type", "posts.post-created.v1"))
                    : List.of());
            if (i > 1000 && random.nextInt(4) == 0) {
                post.append("threadId", threads.get(random.nextInt(threads.size())));
            } else if (threads.size() < 20_000) {
                threads.add(id);
            }
            batch.add(post);
            if (batch.size() == 1000) {
                posts.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            posts.insertMany(batch);
        }
    }

    private static String japaneseBody() {
        String sentence = "市役所の窓口業務で使っている予約システムの更新について、他の自治体の事例を教えてください。";
        StringBuilder body = new StringBuilder();
        while (body.length() < 600) {
            body.append(sentence);
        }
        return body.substring(0, 600);
    }

    private static Document feed(String channel) {
        return new Document("channelId", channel).append("deletedAt", null);
    }

    private static Document newestFirst() {
        return new Document("createdAt", -1).append("_id", -1);
    }

    private static String channel(Random random) {
        return "ch-" + random.nextInt(CHANNELS);
    }

    private static void measure(String name, Supplier<Integer> query) {
        for (int i = 0; i < 20; i++) {
            query.get();
        }
        long[] nanos = new long[ROUNDS];
        long results = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long started = System.nanoTime();
            results += query.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf("%-80s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%.0f results/query)%n", name,
            nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 95 / 100] / 1e6, nanos[ROUNDS - 1] / 1e6, (double) results / ROUNDS);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
