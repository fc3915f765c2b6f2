package jp.kyoso.platform.memory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gives the heap a load left behind back to the operating system once the service is idle. The serial collector
 * shrinks the heap (to what survives plus {@code MaxHeapFreeRatio}) only at a full collection, and an idle service
 * hardly allocates, so none comes: after a burst of work a service stayed at 300–320 MB resident for as long as it
 * stayed quiet. This is what G1's {@code G1PeriodicGCInterval} does for G1: one full collection when a period passed
 * with the process nearly idle and the committed heap has grown since the last one. The service's collection keeps
 * less headroom than a busy heap does ({@link TightCollection}).
 *
 * <p>Idle means the process used at most {@link #IDLE_CPU_SHARE} of one core in each of the last
 * {@link #STEPS_PER_PERIOD} steps of a period, checked step by step on its own thread. Checked once per period, a
 * period whose load began in its last seconds still averaged as idle, and the collection (80-180 ms on these heaps)
 * then stopped the service at the start of that load: a burst of late notices in the live-stream benchmark.
 */
public final class IdleHeapRelease {
    /**
     * A service doing nothing but its timers (health, metrics, Kafka polls, the outbox's fallback poll) stays below
     * this: measured 0.8-2.4 % of a core on a busy 2-core host (README "Performance", 2026-11-30), where 2 % left
     * notifications-service (2.4 %) never released and posts-service (1.8 %) only sometimes. Any real load is far above
     * it (a service under the benchmark's light probes: 25-50 %).
     */
    static final double IDLE_CPU_SHARE = 0.05;
    /** Less growth than this is not worth a full collection. */
    static final long MIN_GROWTH_BYTES = 16L * 1024 * 1024;
    /** How many steps of a period are checked: a load that begins is seen within one step (5 s of 60 s). */
    static final int STEPS_PER_PERIOD = 12;
    private static final long NOT_IDLE = Long.MIN_VALUE;

    private final long periodNanos;
    private final LongSupplier processCpuNanos;
    private final LongSupplier committedHeapBytes;
    private final Runnable fullCollection;
    private final LongSupplier nanoTime;
    private long stepStartNanos;
    private long stepStartCpuNanos;
    private long idleSinceNanos = NOT_IDLE;
    private long committedAfterRelease;

    public IdleHeapRelease(Duration period, LongSupplier processCpuNanos, LongSupplier committedHeapBytes,
                           Runnable fullCollection, LongSupplier nanoTime) {
        this.periodNanos = period.toNanos();
        this.processCpuNanos = processCpuNanos;
        this.committedHeapBytes = committedHeapBytes;
        this.fullCollection = fullCollection;
        this.nanoTime = nanoTime;
        this.stepStartNanos = nanoTime.getAsLong();
        this.stepStartCpuNanos = processCpuNanos.getAsLong();
    }

    /** How often {@link #check} is meant to run. */
    public static Duration step(Duration period) {
        return period.dividedBy(STEPS_PER_PERIOD);
    }

    /**
     * Ends a step: releases the heap if the process has been idle, step after step, for a whole period and the heap
     * grew since the last release. Returns whether it did.
     */
    public synchronized boolean check() {
        long now = nanoTime.getAsLong();
        long cpu = processCpuNanos.getAsLong();
        long elapsed = now - stepStartNanos;
        double busy = elapsed <= 0 ? 1 : (double) (cpu - stepStartCpuNanos) / elapsed;
        long stepStart = stepStartNanos;
        stepStartNanos = now;
        stepStartCpuNanos = cpu;
        if (busy > IDLE_CPU_SHARE) {
            idleSinceNanos = NOT_IDLE;
            return false;
        }
        if (idleSinceNanos == NOT_IDLE) {
            idleSinceNanos = stepStart;
        }
        if (now - idleSinceNanos < periodNanos
                || committedHeapBytes.getAsLong() < committedAfterRelease + MIN_GROWTH_BYTES) {
            return false;
        }
        fullCollection.run();
        committedAfterRelease = committedHeapBytes.getAsLong();
        // the collection's own CPU does not count against the next step
        stepStartNanos = nanoTime.getAsLong();
        stepStartCpuNanos = processCpuNanos.getAsLong();
        return true;
    }

    /** The period as configured; zero or negative switches the release off. */
    public static boolean enabled(Duration period) {
        return period != null && !period.isNegative() && !period.isZero();
    }
}
