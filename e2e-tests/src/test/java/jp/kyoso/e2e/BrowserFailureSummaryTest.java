package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BrowserFailureSummaryTest {

    /** The shape of a failed `playwright test` run's output: the list reporter's lines and explainFailures()'s. */
    private static final List<String> FAILED_RUN = List.of(
            "Running 6 tests using 1 worker",
            "  ✓  1 [desktop] › tests/browser/handover.spec.ts:20:1 › 異動の引き継ぎ (48.2s)",
            "[desktop] seed-story failed at 2026-11-30T03:58:01.120Z; the page was at http://localhost:41234/",
            "requests still in flight (2):",
            "  GET /login document: started 2026-11-30T03:57:31.100Z, still waiting after 30020 ms",
            "  GET /login document (service worker): started 2026-11-30T03:57:31.104Z, still waiting after 30016 ms",
            "the last 25 requests that ended:",
            "  DELETE /api/members/me fetch: started 2026-11-30T03:57:29.000Z, 204 after 310 ms",
            "  GET /api/channels fetch: started 2026-11-30T03:57:29.400Z, 200 after 12 ms",
            "  ✘  2 [desktop] › tests/browser/seed-story.spec.ts:55:1 › 儀間さんが登録し… (1.6m)",
            "  1) [desktop] › tests/browser/seed-story.spec.ts:55:1 › 儀間さんが登録し… › 退会する：確認してから退会し ",
            "",
            "    Error: page.goto: Timeout 30000ms exceeded.",
            "    Call log:",
            "      - navigating to \"http://localhost:41234/login\", waiting until \"load\"",
            "",
            "      250 |",
            "    > 251 |       await page.goto('/login');",
            "  1 failed",
            "    Error: page.goto: Timeout 30000ms exceeded.",
            "  5 passed (6.1m)");

    @Test
    void keepsTheFailingTestItsErrorAndTheRequestsStillInFlight() {
        BrowserFailureSummary summary = new BrowserFailureSummary();
        FAILED_RUN.forEach(summary::accept);

        assertThat(summary.text().lines()).containsExactly(
                "[desktop] seed-story failed at 2026-11-30T03:58:01.120Z; the page was at http://localhost:41234/",
                "requests still in flight (2):",
                "GET /login document: started 2026-11-30T03:57:31.100Z, still waiting after 30020 ms",
                "GET /login document (service worker): started 2026-11-30T03:57:31.104Z, still waiting after 30016 ms",
                "1) [desktop] › tests/browser/seed-story.spec.ts:55:1 › 儀間さんが登録し… › 退会する：確認してから退会し",
                "Error: page.goto: Timeout 30000ms exceeded.",
                "- navigating to \"http://localhost:41234/login\", waiting until \"load\"");
    }

    @Test
    void aPassingRunLeavesNothingToSay() {
        BrowserFailureSummary summary = new BrowserFailureSummary();
        List.of("Running 6 tests using 1 worker", "  ✓  1 [desktop] › tests/browser/handover.spec.ts:20:1 › 異動 (48.2s)",
                "[bench] desktop: the live notice reached the bell 193 ms after 返信する was clicked", "  6 passed (6.1m)")
                .forEach(summary::accept);

        assertThat(summary.text()).isEmpty();
    }

    @Test
    void staysShortWhateverTheRunPrints() {
        BrowserFailureSummary summary = new BrowserFailureSummary();
        IntStream.range(0, 500).forEach(i -> summary.accept("    Error: expect(locator).toBeVisible() failed, number " + i
                + " " + "x".repeat(400)));

        List<String> lines = summary.text().lines().toList();
        assertThat(lines).hasSize(BrowserFailureSummary.MAX_LINES);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(221));
    }
}
