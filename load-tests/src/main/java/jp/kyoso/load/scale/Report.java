package jp.kyoso.load.scale;

import java.util.LinkedHashMap;
import java.util.Map;

/** The table the benchmark prints: a row per operation and size, failures counted beside the percentiles. */
final class Report {
    /** The platform's target for an announcement: stored in every inbox of 100,000 members within 10 s. */
    private static final double ANNOUNCEMENT_TARGET_MS = 10_000;

    private final Map<Long, Map<String, Latencies>> rows = new LinkedHashMap<>();

    void add(long step, Map<String, Latencies> row) {
        rows.put(step, row);
    }

    void printStep(long step, Map<String, Latencies> row) {
        System.out.printf("%n[scale] at %,d posts and replies:%n", step);
        row.forEach((name, l) -> System.out.printf("  %-26s n=%4d  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  5xx %d  "
                + "errors %d  misses %d%n", name, l.count(), l.percentile(50), l.percentile(95), l.percentile(99),
                l.serverErrors(), l.otherErrors(), l.misses()));
        row.forEach((name, l) -> {
            if (l.otherErrors() > 0) {
                System.out.printf("  %-26s errors: %s%n", name, kinds(l.otherErrorsByKind()));
            }
        });
    }

    /** For example {@code "429 ×3, ConnectException ×1"}. */
    private static String kinds(Map<String, Integer> byKind) {
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, count) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(kind).append(" ×")
                .append(count));
        return kinds.toString();
    }

    String table(double readP95Target, double liveP99Target) {
        StringBuilder out = new StringBuilder("| posts and replies | operation | n | p50 ms | p95 ms | p99 ms | 5xx | "
                + "other errors | misses | target |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Map<String, Latencies> first = rows.isEmpty() ? Map.of() : rows.values().iterator().next();
        rows.forEach((step, row) -> row.forEach((name, l) -> out.append(String.format(
                "| %,d | %s | %d | %.1f | %.1f | %.1f | %d | %d | %d | %s |%n", step, name, l.count(),
                l.percentile(50), l.percentile(95), l.percentile(99), l.serverErrors(), l.otherErrors(), l.misses(),
                verdict(name, l, first.get(name), readP95Target, liveP99Target)))));
        return out.toString();
    }

    private static String verdict(String name, Latencies l, Latencies atFirst, double readP95Target,
                                  double liveP99Target) {
        boolean failures = l.serverErrors() + l.otherErrors() + l.misses() > 0;
        if (name.equals(ScaleBenchmark.ANNOUNCEMENT)) {
            return !failures && l.percentile(99) <= ANNOUNCEMENT_TARGET_MS ? "met"
                    : "MISSED (≤ " + ANNOUNCEMENT_TARGET_MS / 1000 + " s)";
        }
        if (name.startsWith("reply → live stream 50")) {
            return !failures && l.percentile(99) <= liveP99Target ? "met" : "MISSED (p99 ≤ " + liveP99Target + ")";
        }
        if (name.startsWith("posting") || name.startsWith("replying") || name.startsWith("reply →")) {
            return failures ? "MISSED (failures)" : "met";
        }
        boolean flat = atFirst == null || l.percentile(95) <= Math.max(1.5 * atFirst.percentile(95), 5);
        return !failures && l.percentile(95) <= readP95Target && flat ? "met"
                : "MISSED (p95 ≤ " + readP95Target + ", ≤ 1.5× first row)";
    }
}
