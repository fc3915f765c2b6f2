package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Reply → the thread author's live stream: the reader holds {@code /api/notifications/stream} open through the gateway
 * while writers reply to the reader's threads at a fixed rate. Each run starts {@code threads} new threads, each
 * answered by {@value #REPLIERS} writers of its own, a busy discussion as members have them: every replier watches the
 * thread after their first reply, so each reply notifies the author and the other repliers (one thread answered by all
 * 200 writers, run after run, made each reply 200 notices and the thread thousands of replies long, which no real
 * thread is). The replies go to the threads in turn. Each reply is timed from when it was due to when its notice
 * arrives on the stream; a notice that has not arrived 10 s after the last reply is a miss, never a latency.
 *
 * <p>With one thread, every reply is an event of the same post: the services handle a thread's events one after
 * another (one Kafka partition, so a reply is never handled before the post it answers), and the rate is what one
 * discussion can take. Several threads are the platform's rate: many discussions at once, as 50 replies a second
 * would be on the real platform.
 */
final class LiveStreamProbe {
    private static final long GRACE_NANOS = Duration.ofSeconds(10).toNanos();
    static final int REPLIERS = 10;

    private final Api api;
    private final Community community;

    LiveStreamProbe(Api api, Community community) {
        this.api = api;
        this.community = community;
    }

    Latencies run(double rate, int seconds, int threads) {
        int count = Math.max(1, Math.min(threads, community.writers.size() / REPLIERS));
        List<String> threadIds = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            threadIds.add(api.call(api.post("/api/posts", community.reader.token(), Map.of("channel",
                    community.channels.get(t % community.channels.size()), "kind", "DISCUSSION", "title",
                    "ライブ配信の測定 " + System.nanoTime(), "body", "返信が届く速さを測っています。", "tags",
                    List.of()))).path("id").asText());
        }
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Stages stages = new Stages();
        AtomicReference<Stream<String>> open = new AtomicReference<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        AtomicReference<String> closedByServer = new AtomicReference<>();
        long openedAt = System.nanoTime();
        HttpRequest streamRequest = HttpRequest.newBuilder(api.uri("/api/notifications/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + community.reader.token())
                .GET().build();
        // the stream is read on a thread of its own: with thenAccept, a response already there when it was called was
        // read on this thread, which then never got past the endless stream (a run hung so, at warm-up on a busy host)
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "live-stream-reader");
            thread.setDaemon(true);
            return thread;
        });
        api.http().sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(response -> {
            if (response.statusCode() != 200) {
                connected.completeExceptionally(new IllegalStateException("stream answered " + response.statusCode()));
                return;
            }
            open.set(response.body());
            connected.complete(null);
            AtomicReference<String> event = new AtomicReference<>("");
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event.set(line.substring(6).trim());
                } else if (line.isEmpty()) {
                    event.set("");
                } else if (line.startsWith("data:") && "closed".equals(event.get())) {
                    // the server ended the stream (its token's exp, too many streams, a revoked token): every notice
                    // after this counts as a miss, and the console says why instead of leaving a row of misses bare
                    closedByServer.compareAndSet(null, Api.read(line.substring(5)).path("reason").asText("?")
                            + " after " + (System.nanoTime() - openedAt) / 1_000_000_000 + " s");
                } else if (line.startsWith("data:")) {
                    JsonNode notice = Api.read(line.substring(5));
                    String replyId = notice.path("replyId").asText("");
                    if (!replyId.isEmpty()) {
                        if (arrivals.putIfAbsent(replyId, System.nanoTime()) == null) {
                            stages.arrived(replyId, System.currentTimeMillis(),
                                    Instant.parse(notice.path("createdAt").asText()));
                        }
                    }
                }
            });
        }, reader);
        connected.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        Map<String, Long> dueByReply = new ConcurrentHashMap<>();
        Latencies requests = OpenLoop.run(rate, seconds, i -> {
            long due = System.nanoTime();
            long dueWallMillis = System.currentTimeMillis();
            // reply i goes to thread i % count, from that thread's own repliers in turn
            int thread = i % count;
            Member writer = community.writers.get(thread * REPLIERS + (i / count) % REPLIERS);
            return api.sendAsync(api.post("/api/posts/" + threadIds.get(thread) + "/replies", writer.token(),
                    Map.of("body", "ライブ配信の測定 " + i))).thenApply(response -> {
                        if (response.statusCode() == 201) {
                            JsonNode reply = Api.read(response.body());
                            String replyId = reply.path("id").asText();
                            dueByReply.put(replyId, due);
                            stages.due(replyId, dueWallMillis, Instant.parse(reply.path("createdAt").asText()));
                        }
                        return response;
                    });
        });
        long deadline = System.nanoTime() + GRACE_NANOS;
        while (System.nanoTime() < deadline && !arrivals.keySet().containsAll(dueByReply.keySet())) {
            OpenLoop.waitUntil(System.nanoTime() + 50_000_000L);
        }
        Stream<String> stream = open.get();
        if (stream != null) {
            stream.close();
        }
        reader.shutdown();
        stages.print();
        if (closedByServer.get() != null) {
            System.out.println("[scale] the server closed the live stream during the run (" + closedByServer.get()
                    + "): the notices after that count as misses");
        }
        Latencies notices = new Latencies();
        dueByReply.forEach((replyId, due) -> {
            Long arrived = arrivals.get(replyId);
            if (arrived == null) {
                notices.miss();
            } else {
                notices.ok((arrived - due) / 1_000_000.0);
            }
        });
        for (int i = 0; i < requests.serverErrors(); i++) {
            notices.serverError();
        }
        // a reply refused is an error; a reply with no answer within the client's limit has no notice either: a miss
        requests.otherErrorsByKind().forEach((kind, times) -> {
            for (int i = 0; i < times; i++) {
                notices.otherError("reply " + kind);
            }
        });
        for (int i = 0; i < requests.misses(); i++) {
            notices.miss();
        }
        return notices;
    }
}
