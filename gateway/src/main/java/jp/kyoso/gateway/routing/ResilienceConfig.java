package jp.kyoso.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
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

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> defaultCircuitBreaker(GatewayProperties properties) {
        return factory -> factory.configureDefault(id -> breaker(id, properties.timeout()));
    }

    /** The write routes' breakers ({@link Routes}): the same judgement, a longer time limit. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> writeCircuitBreakers(GatewayProperties properties) {
        return factory -> factory.configure(builder -> builder
                        .timeLimiterConfig(timeLimit(properties.writeTimeout()))
                        .circuitBreakerConfig(judgement()),
                Routes.WRITE_BREAKERS);
    }

    private static Resilience4JConfigBuilder.Resilience4JCircuitBreakerConfiguration breaker(String id,
                                                                                          Duration timeout) {
        return new Resilience4JConfigBuilder(id).timeLimiterConfig(timeLimit(timeout))
                .circuitBreakerConfig(judgement()).build();
    }

    private static TimeLimiterConfig timeLimit(Duration timeout) {
        return TimeLimiterConfig.custom().timeoutDuration(timeout).build();
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
