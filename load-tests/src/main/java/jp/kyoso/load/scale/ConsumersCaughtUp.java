package jp.kyoso.load.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waits, after an import, until the services have handled the events it wrote: the sum of their Kafka consumers' lag on
 * Kyoso's topics ({@code kafka_consumer_fetch_manager_records_lag} in each service's {@code /actuator/prometheus}) is
 * zero twice in a row. A row measured straight after an import of 200,000 posts and replies shared the machine with
 * notifications-service working through that backlog: its announcement waited 85.8 s behind it, and search p95 was
 * 1,045 ms (README, "Performance"). A community of that size has no such backlog; the table measures the community, and
 * prints how long the services took to catch up.
 *
 * <p>Only a wait between reads of the services' own metrics, never a fixed pause. A service whose metrics cannot be read
 * (another host, a port not published) is named once and left out; after {@code limit} the row is measured all the
 * same, with the lag it still had printed beside it.
 */
final class ConsumersCaughtUp {
    /** A partition's lag as the Micrometer binder names it; the same metric with underscores in the topic is a copy. */
    private static final Pattern LAG = Pattern.compile(
            "^kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"kyoso\\.[^\"]*\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private static final Duration BETWEEN_READS = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> metrics;
    private final Duration limit;

    ConsumersCaughtUp(List<URI> metrics, Duration limit) {
        this.metrics = new ArrayList<>(metrics);
        this.limit = limit;
    }

    /** From {@code -Dmetrics} (comma-separated Prometheus URLs, none to skip) and {@code -DsettleMinutes}. */
    static ConsumersCaughtUp fromProperties() {
        String defaults = "http://localhost:8081/actuator/prometheus,http://localhost:8082/actuator/prometheus,"
                + "http://localhost:8083/actuator/prometheus";
        List<URI> urls = new ArrayList<>();
        for (String url : System.getProperty("metrics", defaults).split(",")) {
            if (!url.isBlank()) {
                urls.add(URI.create(url.trim()));
            }
        }
        return new ConsumersCaughtUp(urls, Duration.ofMinutes(Long.getLong("settleMinutes", 15)));
    }

    void await() {
        if (metrics.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int zeroesInARow = 0;
        while (true) {
            long lag = totalLag();
            if (metrics.isEmpty()) {
                return;
            }
            zeroesInARow = lag == 0 ? zeroesInARow + 1 : 0;
            if (zeroesInARow == 2) {
                break;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("[scale] the services still had %,d events to handle after %d min: measuring all the"
                        + " same%n", lag, limit.toMinutes());
                return;
            }
            OpenLoop.waitUntil(System.nanoTime() + BETWEEN_READS.toNanos());
        }
        System.out.printf("[scale] the services caught up with the events in %.0f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** The sum over the services still readable; a service that cannot be read is dropped with a line saying so. */
    private long totalLag() {
        long total = 0;
        for (URI url : List.copyOf(metrics)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("answered " + response.statusCode());
                }
                total += lagIn(response.body());
            } catch (IOException e) {
                System.out.printf("[scale] cannot read consumer lag from %s (%s): not waiting for it%n", url,
                        e.getMessage());
                metrics.remove(url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                metrics.clear();
            }
        }
        return total;
    }

    /** The lag of every partition in one Prometheus page; NaN (a partition not fetched yet) counts as none. */
    static long lagIn(String prometheusText) {
        long total = 0;
        Matcher matcher = LAG.matcher(prometheusText);
        while (matcher.find()) {
            double value = Double.parseDouble(matcher.group(1));
            if (!Double.isNaN(value) && value > 0) {
                total += (long) value;
            }
        }
        return total;
    }
}
