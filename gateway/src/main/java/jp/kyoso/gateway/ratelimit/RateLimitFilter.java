package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import jp.kyoso.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-member and per-address request budgets, with Resilience4j rate limiters held in this gateway's memory. Several
 * gateway instances each keep their own budgets: see the README for switching to a shared (Redis-backed) limiter.
 *
 * <p>Runs after Spring Security (order 0 &gt; -100), so a valid token's subject names the member.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {
    private final RateLimiterRegistry limiters;
    private final RateLimiterConfig memberBudget;
    private final RateLimiterConfig anonymousBudget;

    RateLimitFilter(RateLimitProperties properties) {
        // Resilience4j refills whole periods: a period of burst/rate seconds holding `burst` permits gives the
        // average rate and the burst together.
        long periodMillis = Math.max(1, 1000L * properties.memberBurst() / properties.memberPerSecond());
        this.memberBudget = RateLimiterConfig.custom().limitForPeriod(properties.memberBurst())
                .limitRefreshPeriod(Duration.ofMillis(periodMillis)).timeoutDuration(Duration.ZERO).build();
        this.anonymousBudget = RateLimiterConfig.custom().limitForPeriod(properties.anonymousPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();
        this.limiters = RateLimiterRegistry.ofDefaults();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> limiters.rateLimiter("member:" + ((JwtAuthenticationToken) principal).getName(),
                        memberBudget))
                .defaultIfEmpty(limiters.rateLimiter("address:" + clientAddress(exchange), anonymousBudget))
                .flatMap(limiter -> limiter.acquirePermission() ? chain.filter(exchange) : refuse(exchange, limiter));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, RateLimiter limiter) {
        long waitMillis = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis();
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
        return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
                "リクエストが多すぎます / Too many requests",
                "短時間にリクエストが多すぎます。少し待ってから再度お試しください / "
                        + "Too many requests in a short time; please wait a moment and try again");
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
