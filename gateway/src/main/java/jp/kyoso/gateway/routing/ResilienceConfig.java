package jp.kyoso.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One circuit breaker per service. A service that keeps failing or timing out is cut off for a few seconds, during
 * which clients get an immediate 503 instead of waiting; then a few trial calls decide whether it is back.
 *
 * <p>It judges the last 10 seconds and at least 50 calls: a handful of slow answers during a burst (a long GC pause,
 * a cold JIT) must not cut a whole service off for everyone, which a window of 20 calls did under load (issue 12's
 * 503 storms). A service that is really down fails every call, so it is still cut off within a second or two.
 */
@Configuration
class ResilienceConfig {

    /**
     * Every breaker judges the same way, reads' and writes' alike. The time limits are {@link ServiceTimeLimits}':
     * Spring Cloud CircuitBreaker's time limiter is off ({@code spring.cloud.circuitbreaker.resilience4j.
     * disable-time-limiter}).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> defaultCircuitBreaker() {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(judgement()).build());
    }

    private static CircuitBreakerConfig judgement() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(50)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }
}
