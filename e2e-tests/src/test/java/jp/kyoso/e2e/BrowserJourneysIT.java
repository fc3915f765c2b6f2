package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jp.kyoso.local.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web client in a real Chromium against this same platform: the Playwright tests in web/tests/browser tell the
 * seed story through the UI on a desktop and on a 390×844 phone screen (registration from the captured mail's link,
 * onboarding, a first self-introduction, a reply with a mention ringing the bell live, a search in Japanese, settings,
 * leaving), check every screen with axe-core, and walk from registration to a first post with the keyboard alone.
 * Screenshots of every screen go to web/target/screenshots/{desktop,phone}; the JUnit report to
 * web/target/playwright/junit.xml.
 */
@ExtendWith(RunningPlatform.class)
class BrowserJourneysIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    private static final int GATEWAY_LINES = 150;
    private static final int SCANNED_LINES = 400;

    @Test
    void peopleJoinPostReplySearchAndLeaveInChromiumOnADesktopAndOnAPhone() throws Exception {
        LocalPlatform platform = RunningPlatform.platform();
        Path web = platform.repositoryRoot().resolve("web");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", DEFAULT_CHROMIUM));
        if (!Files.isExecutable(chromium)) {
            fail("The browser tests need Debian's Chromium at " + chromium + " and it is missing. Install it with "
                    + "`apt-get install chromium fonts-noto-cjk` (.ci/run does this), or point CHROMIUM_PATH at a "
                    + "Chromium binary. Playwright's own browser downloads are not used.");
        }
        Path cli = web.resolve("node_modules/@playwright/test/cli.js");
        if (!Files.isRegularFile(cli)) {
            fail("web/node_modules is missing (no " + web.relativize(cli) + "): build the web module first "
                    + "(./mvnw verify runs `npm ci` in web/ before e2e-tests; by hand: cd web && npm ci).");
        }

        ProcessBuilder builder = new ProcessBuilder(List.of("node", cli.toString(), "test"))
                .directory(web.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // the mails link to http://localhost:<gateway port>: the browser stays on that one origin (cookies, storage)
        env.put("KYOSO_BASE_URL", platform.gatewayUrl());
        env.put("KYOSO_MAIL_API", "http://127.0.0.1:" + platform.ports().mailApi());
        env.put("CHROMIUM_PATH", chromium.toString());
        env.put("KYOSO_BROWSER_MANAGER_EMAIL", RunningPlatform.BROWSER_MANAGER_EMAIL);
        env.put("CI", "true");
        env.put("NO_COLOR", "1");
        env.put("FORCE_COLOR", "0");
        // never let a missing browser turn into a download
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        System.out.println("[browser] node " + web.relativize(cli) + " test (in " + web + ", against "
                + platform.gatewayUrl() + ")");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("could not start Node.js for the browser tests (is `node` on the PATH?): "
                    + e.getMessage(), e);
        }
        BrowserFailureSummary summary = new BrowserFailureSummary();
        Thread pump = new Thread(() -> streamToLog(process, summary), "browser-tests-output");
        pump.setDaemon(true);
        pump.start();

        if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            killTree(process);
            pump.join(5_000);
            fail("the browser tests did not finish within " + TIMEOUT.toMinutes() + " minutes; they were stopped "
                    + "(see the [browser] lines above for the last test that ran)");
        }
        pump.join(10_000);
        if (process.exitValue() != 0) {
            printWhatThePlatformLogged(platform.logsDir());
        }
        assertThat(process.exitValue())
                .as("`playwright test` in web/ failed: the [browser] lines above name each failing check; "
                        + "screenshots are in web/target/screenshots, the report in web/target/playwright/junit.xml. "
                        + "In short:\n" + summary.text() + "\n")
                .isZero();
    }

    private static void streamToLog(Process process, BrowserFailureSummary summary) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[browser] " + line);
                summary.accept(line);
            }
        } catch (IOException e) {
            System.out.println("[browser] (output stopped: " + e.getMessage() + ")");
        }
    }

    /**
     * The platform's logs go with its temporary directory when the run ends, and a browser step that timed out says
     * only what it waited for: the gateway's last lines (its access log gives each request's status and time, to match
     * with the browser's in-flight list) and every service's recent warnings, printed while they are still there.
     */
    private static void printWhatThePlatformLogged(Path logs) {
        printTail(logs.resolve("gateway.log"), GATEWAY_LINES, line -> true);
        try (Stream<Path> files = Files.list(logs)) {
            files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .forEach(file -> printTail(file, SCANNED_LINES,
                            line -> line.contains(" WARN ") || line.contains(" ERROR ")));
        } catch (IOException e) {
            System.out.println("[platform] (could not list " + logs + ": " + e.getMessage() + ")");
        }
    }

    private static void printTail(Path file, int lines, Predicate<String> worthShowing) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> shown = all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .filter(worthShowing)
                    .toList();
            if (shown.isEmpty()) {
                return;
            }
            String name = file.getFileName().toString();
            System.out.println("[platform] " + name + ", " + shown.size() + " of its last " + lines + " lines:");
            shown.forEach(line -> System.out.println("[" + name + "] " + line));
        } catch (IOException | UncheckedIOException e) {
            System.out.println("[platform] (could not read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Node, its workers and every Chromium they started: children first, so none is left behind. */
    private static void killTree(Process process) throws InterruptedException {
        // taken before the first signal: a child whose parent has gone is no longer listed as a descendant
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS) || tree.stream().anyMatch(ProcessHandle::isAlive)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
