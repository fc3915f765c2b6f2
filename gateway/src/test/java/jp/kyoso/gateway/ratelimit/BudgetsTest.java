package jp.kyoso.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BudgetsTest {
    private final AtomicLong now = new AtomicLong();
    private final RateLimiterConfig config = RateLimiterConfig.custom().limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();

    @Test
    void keepsOneBudgetPerKeyAndDropsIdleOnes() {
        Budgets budgets = new Budgets(100, now::get);
        assertThat(budgets.budget("a", config)).isSameAs(budgets.budget("a", config));
        budgets.budget("b", config);
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        budgets.budget("a", config); // "a" stays in use
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        budgets.budget("a", config);
        assertThat(budgets.size()).as("b was idle for over a minute").isEqualTo(1);
    }

    @Test
    void newcomersShareAnOverflowBudgetWhenTheTableIsFull() {
        Budgets budgets = new Budgets(2, now::get);
        budgets.budget("a", config);
        budgets.budget("b", config);
        assertThat(budgets.budget("c", config)).isSameAs(budgets.budget("d", config));
        assertThat(budgets.size()).isEqualTo(2);
    }
}
