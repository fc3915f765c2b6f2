package jp.kyoso.load.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private record Arrival(long wallMillis, Instant noticed) {
    }

    private final Map<String, Due> dues = new ConcurrentHashMap<>();
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();

    /** A reply sent when it was due ({@code wallMillis}) and stored by posts-service at {@code stored}. */
    void due(String replyId, long wallMillis, Instant stored) {
        dues.put(replyId, new Due(wallMillis, stored));
    }

    /** The reply's notice, stored by notifications-service at {@code noticed}, read from the stream at wallMillis. */
    void arrived(String replyId, long wallMillis, Instant noticed) {
        arrivals.put(replyId, new Arrival(wallMillis, noticed));
    }

    void print() {
        Latencies stored = new Latencies();
        Latencies noticed = new Latencies();
        Latencies onStream = new Latencies();
        dues.forEach((replyId, due) -> {
            Arrival arrival = arrivals.get(replyId);
            if (arrival == null) {
                return;
            }
            stored.ok(due.stored().toEpochMilli() - due.wallMillis());
            noticed.ok(arrival.noticed().toEpochMilli() - due.stored().toEpochMilli());
            onStream.ok(arrival.wallMillis() - arrival.noticed().toEpochMilli());
        });
        System.out.printf("[scale] live stream stages, p50 / p95 / p99 ms: due → stored %s; stored → noticed %s;"
                + " noticed → on the stream %s%n", summary(stored), summary(noticed), summary(onStream));
        String csv = System.getProperty("stagesCsv");
        if (csv != null) {
            write(Path.of(csv));
        }
    }

    /** One line per reply that arrived, by due time, for lining the slow ones up with the processes' logs. */
    private void write(Path csv) {
        List<String> lines = new ArrayList<>();
        lines.add("reply,due,stored,noticed,on_stream");
        dues.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Due::wallMillis)))
                .forEach(entry -> {
                    Arrival arrival = arrivals.get(entry.getKey());
                    if (arrival != null) {
                        lines.add(String.join(",", entry.getKey(), Instant.ofEpochMilli(entry.getValue().wallMillis())
                                .toString(), entry.getValue().stored().toString(), arrival.noticed().toString(),
                                Instant.ofEpochMilli(arrival.wallMillis()).toString()));
                    }
                });
        try {
            Files.write(csv, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String summary(Latencies latencies) {
        return String.format("%.0f / %.0f / %.0f", latencies.percentile(50), latencies.percentile(95),
                latencies.percentile(99));
    }
}
