package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grows the community's posts and replies: the probes' thread of 200 replies through the public API, the way members
 * write, and the bulk as imported history (see {@link #growTo}): a quarter threads, the rest replies, some mentioning
 * the reader. Channels are not equally busy (a few hold most threads), as in the real community. A request that fails
 * with 5xx or no answer is sent again unchanged (the same Idempotency-Key, the same external ids).
 */
final class Seeder {
    private static final List<String> KINDS = List.of("QUESTION", "ISSUE", "IDEA", "DISCUSSION");
    private static final int RECENT_THREADS = 2_000;
    private static final int IMPORT_WORKERS = 2;
    private static final int MAX_THREADS_PER_IMPORT = 200;
    /** Below the gateway's 64 KiB body limit with the largest thread added last. */
    private static final int IMPORT_BYTES = 56 * 1024;
    private static final String IMPORT_SOURCE = "scale-benchmark";
    /** Makes this run's external ids its own; a batch sent again within the run carries the same ones. */
    private static final String RUN = java.util.UUID.randomUUID().toString();
    /** About 2.5 years back: 75,000 threads 15 minutes apart end before today. */
    private static final Instant HISTORY_STARTS = Instant.now().minus(java.time.Duration.ofDays(900))
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS);

    private final Api api;
    private final Community community;
    private final BenchmarkState state;
    private final Runnable save;
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicLong threadSequence;

    Seeder(Api api, Community community, BenchmarkState state, Runnable save) {
        this.api = api;
        this.community = community;
        this.state = state;
        this.save = save;
        // about four posts and replies per thread: the dates go on from where the last run's ended
        this.threadSequence = new AtomicLong(state.written / 4);
    }

    /** The thread of 200 replies the probes read, written by the reader. */
    void ensureProbeThreads() {
        if (state.bigThreadId.isEmpty()) {
            state.bigThreadId = newThread(community.reader, community.channels.get(0), "QUESTION");
            for (int i = 0; i < 200; i++) {
                reply(writer(i), state.bigThreadId, false);
            }
            state.written += 201;
        }
        save.run();
    }

    /**
     * Grows the community to {@code target} posts and replies with the administrators' import of history
     * ({@code POST /api/moderation/imports}, posts-service README), the documented bulk path: each thread is written by
     * posts-service with its events, and search, counts and watching follow from them as from any post. Batches of
     * about 56 KiB (the gateway takes 64) of threads with 0–6 replies each (a quarter threads, as the members write), older
     * threads first; a batch answered with 5xx or not at all is sent again unchanged, which writes nothing twice.
     */
    void growTo(long target) throws Exception {
        long missing = target - state.written;
        if (missing <= 0) {
            return;
        }
        System.out.printf("[scale] importing %,d posts and replies (to %,d)…%n", missing, target);
        long started = System.nanoTime();
        for (Member writer : community.writers) {
            writer.id();
        }
        AtomicLong left = new AtomicLong(missing);
        ExecutorService workers = Workers.pool(IMPORT_WORKERS);
        List<Future<?>> results = new java.util.ArrayList<>();
        for (int w = 0; w < IMPORT_WORKERS; w++) {
            results.add(workers.submit(() -> {
                while (left.get() > 0) {
                    Batch batch = nextBatch(left);
                    if (batch == null) {
                        break;
                    }
                    JsonNode result = send(api.post("/api/moderation/imports", community.admin.token(),
                            Map.of("source", IMPORT_SOURCE, "threads", batch.threads)));
                    long before;
                    long written;
                    synchronized (state) {
                        before = state.written;
                        state.written += batch.posts;
                        written = state.written;
                    }
                    result.path("postIds").forEach(id -> remember(id.asText()));
                    if (written / 10_000 != before / 10_000) {
                        double rate = (missing - Math.max(0, left.get())) / ((System.nanoTime() - started) / 1e9);
                        System.out.printf("[scale]   %,d written (%.0f/s, %d retried)%n", written, rate,
                                retries.get());
                        save.run();
                    }
                }
                return null;
            }));
        }
        for (Future<?> result : results) {
            result.get();
        }
        workers.shutdown();
        save.run();
        System.out.printf("[scale] imported %,d in %.0f s (%.0f/s), %d requests retried%n", missing,
                (System.nanoTime() - started) / 1e9, missing / ((System.nanoTime() - started) / 1e9), retries.get());
    }

    private record Batch(List<Map<String, Object>> threads, int posts) {
    }

    /** The next batch of at most {@code left} posts and replies, or null when none are left. */
    private Batch nextBatch(AtomicLong left) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Map<String, Object>> threads = new java.util.ArrayList<>();
        int posts = 0;
        int bytes = 0;
        while (threads.size() < MAX_THREADS_PER_IMPORT && bytes < IMPORT_BYTES) {
            int replies = random.nextInt(7);
            long wanted = 1 + replies;
            long had = left.getAndAdd(-wanted);
            if (had <= 0) {
                left.addAndGet(wanted);
                break;
            }
            replies = (int) Math.min(replies, had - 1);
            left.addAndGet(wanted - (1 + replies));
            Map<String, Object> thread = thread(replies, random);
            threads.add(thread);
            bytes += Api.write(thread).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            posts += 1 + replies;
        }
        return threads.isEmpty() ? null : new Batch(threads, posts);
    }

    /** A thread of the imported history: older threads first, over the last few years, never in the future. */
    private Map<String, Object> thread(int replies, Random random) {
        long sequence = threadSequence.incrementAndGet();
        Instant asked = HISTORY_STARTS.plusSeconds(sequence * 900);
        Member author = writer(random.nextInt(community.writers.size()));
        double u = random.nextDouble();
        String channel = community.channels.get((int) (u * u * community.channels.size()));
        List<Map<String, Object>> answers = new java.util.ArrayList<>();
        Instant at = asked;
        for (int r = 0; r < replies; r++) {
            at = at.plusSeconds(60 + random.nextInt(3_600));
            String body = (random.nextInt(10) == 0 ? "@" + community.reader.handle + " " : "")
                    + JapaneseText.body(random, 1 + random.nextInt(3));
            answers.add(Map.of("externalId", String.valueOf(r), "authorId",
                    writer(random.nextInt(community.writers.size())).id(), "body", body, "createdAt", at.toString()));
        }
        Map<String, Object> thread = new java.util.LinkedHashMap<>();
        thread.put("externalId", RUN + "/" + sequence);
        thread.put("channel", channel);
        thread.put("kind", KINDS.get(random.nextInt(KINDS.size())));
        thread.put("title", JapaneseText.title(random));
        thread.put("body", JapaneseText.body(random, 2 + random.nextInt(5)));
        thread.put("tags", List.of());
        thread.put("authorId", author.id());
        thread.put("createdAt", asked.toString());
        thread.put("replies", answers);
        return thread;
    }

    private Member writer(int index) {
        return community.writers.get(index % community.writers.size());
    }

    private void remember(String threadId) {
        synchronized (state.recentThreads) {
            state.recentThreads.add(threadId);
            if (state.recentThreads.size() > RECENT_THREADS) {
                state.recentThreads.remove(0);
            }
        }
    }

    private String newThread(Member author, String channel, String kind) {
        Random random = ThreadLocalRandom.current();
        JsonNode post = send(api.post("/api/posts", author.token(), Map.of("channel", channel, "kind", kind,
                "title", JapaneseText.title(random), "body", JapaneseText.body(random, 2 + random.nextInt(5)),
                "tags", List.of())));
        return post.path("id").asText();
    }

    private void reply(Member author, String threadId, boolean mentionReader) {
        Random random = ThreadLocalRandom.current();
        String body = (mentionReader ? "@" + community.reader.handle + " " : "")
                + JapaneseText.body(random, 1 + random.nextInt(3));
        send(api.post("/api/posts/" + threadId + "/replies", author.token(), Map.of("body", body)));
    }

    /** The same request (same Idempotency-Key) again on 5xx or no answer: a retried write is stored once. */
    private JsonNode send(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = api.send(request);
                if (response.statusCode() / 100 == 2) {
                    return Api.read(response.body());
                }
                if (response.statusCode() < 500 && response.statusCode() != 429 || attempt == 5) {
                    throw new Api.ApiException(request.uri().getPath() + " answered " + response.statusCode() + ": "
                            + response.body(), response.statusCode());
                }
            } catch (Api.ApiException e) {
                if (e.status != 0 || attempt == 5) {
                    throw e;
                }
            }
            retries.incrementAndGet();
            OpenLoop.waitUntil(System.nanoTime() + attempt * 500_000_000L);
        }
    }
}
