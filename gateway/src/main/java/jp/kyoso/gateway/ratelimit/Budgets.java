package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The request budgets this gateway holds in memory, one Resilience4j rate limiter per member or client address.
 * Bounded: a budget nobody used for {@link #IDLE} is dropped (it would be full again anyway), and when a flood of
 * distinct keys still fills the table, newcomers share one overflow budget instead of growing the heap.
 */
final class Budgets {
    static final Duration IDLE = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(15);

    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final LongSupplier clock;
    private final AtomicLong nextSweep;
    private final Map<RateLimiterConfig, RateLimiter> overflow = new ConcurrentHashMap<>();

    Budgets(int maxKeys, LongSupplier nanoClock) {
        this.maxKeys = maxKeys;
        this.clock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_EVERY.toNanos());
    }

    /** The budget for this key, made with {@code config} the first time it is needed. */
    RateLimiter budget(String key, RateLimiterConfig config) {
        long now = clock.getAsLong();
        sweepIfDue(now);
        Budget budget = budgets.get(key);
        if (budget == null) {
            if (budgets.size() >= maxKeys) {
                return overflow.computeIfAbsent(config, c -> RateLimiter.of("overflow", c));
            }
            budget = budgets.computeIfAbsent(key, k -> new Budget(RateLimiter.of(k, config)));
        }
        budget.lastUsed = now;
        return budget.limiter;
    }

    int size() {
        return budgets.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_EVERY.toNanos())) {
            return;
        }
        long idleNanos = IDLE.toNanos();
        budgets.values().removeIf(budget -> now - budget.lastUsed > idleNanos);
    }

    private static final class Budget {
        final RateLimiter limiter;
        volatile long lastUsed;

        Budget(RateLimiter limiter) {
            this.limiter = limiter;
        }
    }
}
