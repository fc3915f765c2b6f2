package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Grows the community's posts and replies through the public API, the way members write: a quarter new threads, the
 * rest replies to recent ones, some mentioning the reader. Channels are not equally busy (a few hold most threads), as
 * in the real community. A request that fails with 5xx or no answer is retried with the same Idempotency-Key.
 */
final class Seeder {
    private static final List<String> KINDS = List.of("QUESTION", "ISSUE", "IDEA", "DISCUSSION");
    private static final int RECENT_THREADS = 2_000;
    private static final int WORKERS = 12;

    private final Api api;
    private final Community community;
    private final BenchmarkState state;
    private final Runnable save;
    private final AtomicInteger retries = new AtomicInteger();

    Seeder(Api api, Community community, BenchmarkState state, Runnable save) {
        this.api = api;
        this.community = community;
        this.state = state;
        this.save = save;
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

    void growTo(long target) throws Exception {
        long missing = target - state.written;
        if (missing <= 0) {
            return;
        }
        System.out.printf("[scale] writing %,d posts and replies (to %,d)…%n", missing, target);
        long started = System.nanoTime();
        AtomicLong left = new AtomicLong(missing);
        ExecutorService workers = Workers.pool(WORKERS);
        List<Future<?>> results = new java.util.ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            results.add(workers.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    writeOne();
                    long written;
                    synchronized (state) {
                        written = ++state.written;
                    }
                    if (written % 5_000 == 0) {
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
        System.out.printf("[scale] wrote %,d in %.0f s (%.0f/s), %d requests retried%n", missing,
                (System.nanoTime() - started) / 1e9, missing / ((System.nanoTime() - started) / 1e9), retries.get());
    }

    void announce(String title) {
        api.call(api.post("/api/posts", community.admin.token(), Map.of("channel", "announcements",
                "kind", "ANNOUNCEMENT", "title", title, "body", "全員へのお知らせです。" + title, "tags", List.of())));
        state.written++;
    }

    private void writeOne() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Member author = writer(random.nextInt(community.writers.size()));
        String threadId;
        synchronized (state.recentThreads) {
            threadId = state.recentThreads.isEmpty() || random.nextInt(4) == 0 ? null
                    : state.recentThreads.get(random.nextInt(state.recentThreads.size()));
        }
        if (threadId == null) {
            // a few channels are busy, most are quiet
            double u = random.nextDouble();
            String channel = community.channels.get((int) (u * u * community.channels.size()));
            remember(newThread(author, channel, KINDS.get(random.nextInt(KINDS.size()))));
        } else {
            reply(author, threadId, random.nextInt(10) == 0);
        }
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
