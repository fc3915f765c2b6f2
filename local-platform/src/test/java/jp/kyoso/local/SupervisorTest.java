package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The supervisor's decisions, one round at a time, on real processes that have already exited. */
class SupervisorTest {

    private final List<String> said = new ArrayList<>();
    private final AtomicInteger relaunches = new AtomicInteger();

    @Test
    void aCrashedProcessIsRelaunchedOnceItsBackoffHasPassed() throws Exception {
        Process crashed = exited("exit 3");
        Supervisor supervisor = supervising(new Supervisor.Target("posts-service", crashed, () -> false,
                () -> relaunches.incrementAndGet() > 0));
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        supervisor.checkOnce(now);
        assertThat(relaunches).hasValue(0);
        assertThat(said).containsExactly("posts-service (pid " + crashed.pid() + ") exited with code 3; restarting it in 1 s");

        supervisor.checkOnce(now.plusSeconds(1));
        assertThat(relaunches).hasValue(1);
        assertThat(said).last().isEqualTo("posts-service restarted (restart 1)");
        assertThat(supervisor.restarts("posts-service"))
                .isEqualTo(new Supervisor.Restarts(1, 3, now.toString()));
    }

    @Test
    void aProcessStoppedOnPurposeIsNeitherReportedNorRelaunched() throws Exception {
        Supervisor supervisor = supervising(new Supervisor.Target("kafka", exited("exit 0"), () -> true,
                () -> relaunches.incrementAndGet() > 0));

        supervisor.checkOnce(Instant.now());
        supervisor.checkOnce(Instant.now().plusSeconds(60));

        assertThat(relaunches).hasValue(0);
        assertThat(said).isEmpty();
    }

    @Test
    void theBackoffDoublesUpToThirtySeconds() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(Supervisor::backoff).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    private Supervisor supervising(Supervisor.Target target) {
        // not started: each test drives the rounds itself
        return new Supervisor(() -> List.of(target), said::add, () -> { });
    }

    private static Process exited(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        process.waitFor();
        return process;
    }
}
