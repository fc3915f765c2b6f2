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
    private final IdleHeapRelease release = new IdleHeapRelease(Duration.ofMinutes(1), cpu::get, committed::get,
            () -> {
                collections.incrementAndGet();
                committed.set(48 * MB);
            }, now::get);

    @Test
    void aBusyPeriodKeepsTheHeapAndAnIdleOneAfterItGivesItBackOnce() {
        committed.set(140 * MB);
        assertThat(released(MINUTE, 0.5)).as("busy: half a core").isFalse();
        assertThat(released(MINUTE, 0.08)).as("busy: a trickle of requests, 8 % of a core").isFalse();
        assertThat(released(MINUTE, 0.03)).as("idle (timers and polls: 3 % of a core), and the heap grew").isTrue();
        assertThat(committed.get()).isEqualTo(48 * MB);

        assertThat(released(MINUTE, 0.01)).as("still idle, nothing grew since").isFalse();
        assertThat(collections.get()).isEqualTo(1);

        // a second load that grows the heap, then quiet again
        committed.set(120 * MB);
        assertThat(released(MINUTE, 0.9)).isFalse();
        assertThat(released(MINUTE, 0.0)).isTrue();
        assertThat(collections.get()).isEqualTo(2);
    }

    @Test
    void aHeapThatGrewByLessThanTheMarginIsLeftAlone() {
        assertThat(released(MINUTE, 0.0)).as("first idle period after start: 64 MB committed").isTrue();
        committed.set(48 * MB + 15 * MB);
        assertThat(released(MINUTE, 0.0)).isFalse();
        assertThat(collections.get()).isEqualTo(1);
    }

    @Test
    void aLoadThatBeginsAtTheEndOfAQuietMinuteIsNotStoppedByACollection() {
        committed.set(140 * MB);
        long step = MINUTE / IdleHeapRelease.STEPS_PER_PERIOD;
        // 55 quiet seconds, then half a core: over the minute that is 4 % of a core, idle by the average
        assertThat(released(MINUTE - step, 0.0)).isFalse();
        assertThat(released(step, 0.5)).as("the load has begun").isFalse();
        assertThat(released(MINUTE / 2, 0.0)).as("quiet again, but for half a minute only").isFalse();
        assertThat(released(MINUTE / 2, 0.0)).as("a whole quiet minute since the load").isTrue();
        assertThat(collections.get()).isEqualTo(1);
    }

    @Test
    void zeroSwitchesItOff() {
        assertThat(IdleHeapRelease.enabled(Duration.ZERO)).isFalse();
        assertThat(IdleHeapRelease.enabled(Duration.ofSeconds(60))).isTrue();
    }

    /** Whether any check in this much time, at this share of a core, released the heap (checked step by step). */
    private boolean released(long nanos, double coreShare) {
        long step = MINUTE / IdleHeapRelease.STEPS_PER_PERIOD;
        boolean released = false;
        for (long passed = 0; passed < nanos; passed += step) {
            now.addAndGet(step);
            cpu.addAndGet((long) (step * coreShare));
            released |= release.check();
        }
        return released;
    }
}
