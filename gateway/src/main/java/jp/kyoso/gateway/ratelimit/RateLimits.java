package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Pattern;
import jp.kyoso.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The budgets both rate-limit filters draw from: per member (valid token) and per client address (no token, or a
 * token that failed). Several gateway instances each keep their own budgets: see the README for switching to a
 * shared (Redis-backed) limiter.
 */
@Component
class RateLimits {
    private static final int MAX_KEYS = 50_000;

    private final RateLimiterConfig memberBudget;
    private final RateLimiterConfig addressBudget;
    private final Budgets budgets = new Budgets(MAX_KEYS, System::nanoTime);
    private final Pattern trustedProxies;

    RateLimits(RateLimitProperties properties,
               @Value("${spring.cloud.gateway.server.webflux.trusted-proxies:^$}") String trustedProxies) {
        this.trustedProxies = Pattern.compile(trustedProxies);
        // Resilience4j refills whole periods: a period of burst/rate seconds holding `burst` permits gives the
        // average rate and the burst together.
        long periodMillis = Math.max(1, 1000L * properties.memberBurst() / properties.memberPerSecond());
        this.memberBudget = RateLimiterConfig.custom().limitForPeriod(properties.memberBurst())
                .limitRefreshPeriod(Duration.ofMillis(periodMillis)).timeoutDuration(Duration.ZERO).build();
        this.addressBudget = RateLimiterConfig.custom().limitForPeriod(properties.anonymousPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();
    }

    RateLimiter member(String memberId) {
        return budgets.budget("member:" + memberId, memberBudget);
    }

    RateLimiter address(ServerWebExchange exchange) {
        return budgets.budget("address:" + clientAddress(exchange), addressBudget);
    }

    /** Requests whose token turned out invalid, per address: forged tokens must not make the JWKS refetch freely. */
    RateLimiter failedTokens(ServerWebExchange exchange) {
        return budgets.budget("failed-token:" + clientAddress(exchange), addressBudget);
    }

    static boolean limited(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value().startsWith("/api/");
    }

    static boolean hasBearerToken(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    static Mono<Void> refuse(ServerWebExchange exchange, RateLimiter limiter) {
        long waitMillis = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis();
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
        return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
                "リクエストが多すぎます / Too many requests",
                "短時間にリクエストが多すぎます。少し待ってから再度お試しください / "
                        + "Too many requests in a short time; please wait a moment and try again");
    }

    /**
     * The peer's address, or, when the peer is one of the configured proxies in front of the gateway, the address
     * that proxy appended to {@code X-Forwarded-For}: otherwise every client behind it would share one budget.
     */
    String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !trustedProxies.matcher(peer).matches()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
    }
}
