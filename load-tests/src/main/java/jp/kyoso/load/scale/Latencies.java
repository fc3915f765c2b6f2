package jp.kyoso.load.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The samples of one probe. Failures are counted apart and never enter the percentiles: a 5xx answered in 3 ms is not
 * a fast success, and a notice that never arrived has no latency at all.
 */
final class Latencies {
    private final List<Double> millis = new ArrayList<>();
    private int serverErrors;
    private int otherErrors;
    private int misses;

    synchronized void ok(double ms) {
        millis.add(ms);
    }

    synchronized void serverError() {
        serverErrors++;
    }

    /** A 4xx, a refused connection: the request did not do what the user wanted. */
    synchronized void otherError() {
        otherErrors++;
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
