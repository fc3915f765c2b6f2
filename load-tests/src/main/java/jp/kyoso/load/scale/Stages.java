package jp.kyoso.load.scale;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a reply's way to the live stream spends its time, from the clocks of this machine's processes (they share one
 * clock): due → stored (the reply's {@code createdAt} in posts-service: the load generator, the gateway and the
 * request's wait for a thread), stored → noticed (the notice's {@code createdAt} in notifications-service: outbox
 * relay, Kafka, the consumer's queue and its work up to the inbox), noticed → on the stream (the signal, the SSE
 * write, the gateway, the client). Printed beside the probe's row, never folded into it.
 */
final class Stages {
    private record Due(long wallMillis, Instant stored) {
    }

    private final Map<String, Due> dues = new ConcurrentHashMap<>();

    void due(String replyId, long wallMillis, Instant stored) {
        dues.put(replyId, new Due(wallMillis, stored));
    }

    void print(Map<String, Long> arrivalWallMillis, Map<String, Instant> noticeCreatedAt) {
        Latencies stored = new Latencies();
        Latencies noticed = new Latencies();
        Latencies onStream = new Latencies();
        dues.forEach((replyId, due) -> {
            Long arrived = arrivalWallMillis.get(replyId);
            Instant notice = noticeCreatedAt.get(replyId);
            if (arrived == null || notice == null) {
                return;
            }
            stored.ok(due.stored().toEpochMilli() - due.wallMillis());
            noticed.ok(notice.toEpochMilli() - due.stored().toEpochMilli());
            onStream.ok(arrived - notice.toEpochMilli());
        });
        System.out.printf("[scale] live stream stages, p50 / p95 / p99 ms: due → stored %s; stored → noticed %s;"
                + " noticed → on the stream %s%n", summary(stored), summary(noticed), summary(onStream));
    }

    private static String summary(Latencies latencies) {
        return String.format("%.0f / %.0f / %.0f", latencies.percentile(50), latencies.percentile(95),
                latencies.percentile(99));
    }
}
