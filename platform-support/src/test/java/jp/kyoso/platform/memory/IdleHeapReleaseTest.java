package jp.kyoso.platform.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleHeapReleaseTest {
    private static final long MB = 1024 * 1024;
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final AtomicLong now = new AtomicLong();
    private final AtomicLong cpu = new AtomicLong();
    private final AtomicLong committed = new AtomicLong(64 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleHeapRelease release = new IdleHeapRelease(cpu::get, committed::get, () -> {
        collections.incrementAndGet();
        committed.set(48 * MB);
    }, now::get);

    @Test
    void aBusyPeriodKeepsTheHeapAndAnIdleOneAfterItGivesItBackOnce() {
        busyFor(MINUTE, 0.5);
        committed.set(140 * MB);
        assertThat(release.check()).as("busy: half a core").isFalse();

        busyFor(MINUTE, 0.08);
        assertThat(release.check()).as("busy: a trickle of requests, 8 % of a core").isFalse();

        busyFor(MINUTE, 0.03);
        assertThat(release.check()).as("idle (timers and polls: 3 % of a core), and the heap grew").isTrue();
        assertThat(committed.get()).isEqualTo(48 * MB);

        busyFor(MINUTE, 0.01);
        assertThat(release.check()).as("still idle, nothing grew since").isFalse();
        assertThat(collections.get()).isEqualTo(1);

        // a second load that grows the heap, then quiet again
        busyFor(MINUTE, 0.9);
        committed.set(120 * MB);
        assertThat(release.check()).isFalse();
        busyFor(MINUTE, 0.0);
        assertThat(release.check()).isTrue();
        assertThat(collections.get()).isEqualTo(2);
    }

    @Test
    void aHeapThatGrewByLessThanTheMarginIsLeftAlone() {
        busyFor(MINUTE, 0.0);
        assertThat(release.check()).as("first idle period after start: 64 MB committed").isTrue();
        committed.set(48 * MB + 15 * MB);
        busyFor(MINUTE, 0.0);
        assertThat(release.check()).isFalse();
        assertThat(collections.get()).isEqualTo(1);
    }

    @Test
    void zeroSwitchesItOff() {
        assertThat(IdleHeapRelease.enabled(Duration.ZERO)).isFalse();
        assertThat(IdleHeapRelease.enabled(Duration.ofSeconds(60))).isTrue();
    }

    private void busyFor(long nanos, double coreShare) {
        now.addAndGet(nanos);
        cpu.addAndGet((long) (nanos * coreShare));
    }
}
