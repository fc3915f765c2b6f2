package jp.kyoso.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The few lines of a failed browser run that say what went wrong, for the test's failure message. A CI log is often
 * read only from its end, where Maven repeats each failure's message, while Playwright prints its errors and our
 * {@code explainFailures()} its in-flight requests minutes of output earlier.
 */
final class BrowserFailureSummary {
    static final int MAX_LINES = 24;
    private static final int MAX_LINE_LENGTH = 220;
    private static final int IN_FLIGHT_SHOWN = 6;
    /** Playwright's "  1) [desktop] › tests/browser/x.spec.ts:55:1 › title ──" header of a failure. */
    private static final Pattern FAILED_TEST = Pattern.compile("^\\s*\\d+\\) \\[[^]]+] ");
    private static final Pattern WORTH_KEEPING = Pattern.compile(
            "Error:|Timeout|waiting until|navigating to|failed at |requests still in flight");

    private final List<String> kept = new ArrayList<>();
    private int inFlightLeft;

    void accept(String line) {
        if (kept.size() >= MAX_LINES) {
            return;
        }
        if (line.startsWith("the last ") && line.contains("requests that ended")) {
            inFlightLeft = 0;
            return;
        }
        if (inFlightLeft > 0) {
            inFlightLeft--;
            keep(line);
            return;
        }
        if (FAILED_TEST.matcher(line).find() || WORTH_KEEPING.matcher(line).find()) {
            keep(line);
        }
        if (line.startsWith("requests still in flight")) {
            inFlightLeft = IN_FLIGHT_SHOWN;
        }
    }

    /** What was kept, one line each; empty when nothing looked like a failure. */
    String text() {
        return String.join("\n", kept);
    }

    private void keep(String line) {
        String trimmed = line.strip();
        String shortened = trimmed.length() <= MAX_LINE_LENGTH ? trimmed : trimmed.substring(0, MAX_LINE_LENGTH) + "…";
        // Playwright repeats an error in its summary at the end: once is enough here
        if (!kept.contains(shortened)) {
            kept.add(shortened);
        }
    }
}
