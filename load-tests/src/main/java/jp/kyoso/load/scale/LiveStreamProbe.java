package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Reply → the thread author's live stream: the reader holds {@code /api/notifications/stream} open through the gateway
 * while writers reply to the reader's thread at a fixed rate. Each reply is timed from when it was due to when its
 * notice arrives on the stream; a notice that has not arrived 10 s after the last reply is a miss, never a latency.
 */
final class LiveStreamProbe {
    private static final long GRACE_NANOS = Duration.ofSeconds(10).toNanos();

    private final Api api;
    private final Community community;
    private final String threadId;

    LiveStreamProbe(Api api, Community community, String threadId) {
        this.api = api;
        this.community = community;
        this.threadId = threadId;
    }

    Latencies run(double rate, int seconds) {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicReference<Stream<String>> open = new AtomicReference<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        HttpRequest streamRequest = HttpRequest.newBuilder(api.uri("/api/notifications/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + community.reader.token())
                .GET().build();
        api.http().sendAsync(streamRequest, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            if (response.statusCode() != 200) {
                connected.completeExceptionally(new IllegalStateException("stream answered " + response.statusCode()));
                return;
            }
            open.set(response.body());
            connected.complete(null);
            response.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    JsonNode notice = Api.read(line.substring(5));
                    String replyId = notice.path("replyId").asText("");
                    if (!replyId.isEmpty()) {
                        arrivals.putIfAbsent(replyId, System.nanoTime());
                    }
                }
            });
        });
        connected.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        Map<String, Long> dueByReply = new ConcurrentHashMap<>();
        Latencies requests = OpenLoop.run(rate, seconds, i -> {
            long due = System.nanoTime();
            Member writer = community.writers.get(i % community.writers.size());
            return api.sendAsync(api.post("/api/posts/" + threadId + "/replies", writer.token(),
                    Map.of("body", "ライブ配信の測定 " + i))).thenApply(response -> {
                        if (response.statusCode() == 201) {
                            dueByReply.put(Api.read(response.body()).path("id").asText(), due);
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
        for (int i = 0; i < requests.otherErrors() + requests.misses(); i++) {
            notices.otherError();
        }
        return notices;
    }
}
