package jp.kyoso.load.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one probe. Failures are counted apart and never enter the percentiles: a 5xx answered in 3 ms is not
 * a fast success, and a notice that never arrived has no latency at all.
 */
final class Latencies {
    private final List<Double> millis = new ArrayList<>();
    private int serverErrors;
    private int otherErrors;
    /** What the other errors were (a status, an exception's class), with how many of each, in the order first seen. */
    private final Map<String, Integer> otherErrorKinds = new LinkedHashMap<>();
    private int misses;

    synchronized void ok(double ms) {
        millis.add(ms);
    }

    synchronized void serverError() {
        serverErrors++;
    }

    /**
     * A 4xx, a refused connection: the request did not do what the user wanted. {@code kind} says which (the status,
     * the exception's class), so that a row of errors can be told apart from a row of timeouts.
     */
    synchronized void otherError(String kind) {
        otherErrors++;
        otherErrorKinds.merge(kind, 1, Integer::sum);
    }

    /** No answer (or no notice) within the probe's limit. */
    synchronized void miss() {
        misses++;
    }

    synchronized int count() {
        return millis.size();
    }

    synchronized int serverErrors() {
        return serverErrors;
    }

    synchronized int otherErrors() {
        return otherErrors;
    }

    /** What the other errors were, with how many of each, in the order first seen. */
    synchronized Map<String, Integer> otherErrorsByKind() {
        return new LinkedHashMap<>(otherErrorKinds);
    }

    synchronized int misses() {
        return misses;
    }

    synchronized double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
