package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.network.ClientAddresses;
import jp.kyoso.gateway.problem.Problems;
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
    private final RateLimiterConfig sharedEgressBudget;
    private final Budgets budgets = new Budgets(MAX_KEYS, System::nanoTime);
    private final ClientAddresses addresses;

    RateLimits(RateLimitProperties properties, ClientAddresses addresses) {
        this.addresses = addresses;
        // Resilience4j refills whole periods: a period of burst/rate seconds holding `burst` permits gives the
        // average rate and the burst together.
        long periodMillis = Math.max(1, 1000L * properties.memberBurst() / properties.memberPerSecond());
        this.memberBudget = RateLimiterConfig.custom().limitForPeriod(properties.memberBurst())
                .limitRefreshPeriod(Duration.ofMillis(periodMillis)).timeoutDuration(Duration.ZERO).build();
        this.addressBudget = perSecond(properties.anonymousPerSecond());
        this.sharedEgressBudget = perSecond(properties.sharedEgressAnonymousPerSecond());
    }

    private static RateLimiterConfig perSecond(int permits) {
        return RateLimiterConfig.custom().limitForPeriod(permits).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build();
    }

    RateLimiter member(String memberId) {
        return budgets.budget("member:" + memberId, memberBudget);
    }

    RateLimiter address(ServerWebExchange exchange) {
        String client = clientAddress(exchange);
        return budgets.budget("address:" + client, budgetOf(client));
    }

    /**
     * Requests whose token turned out invalid, per address: forged tokens must not make the JWKS refetch freely. Expired
     * access tokens land here too (the client then refreshes), hence the same size as the anonymous budget.
     */
    RateLimiter failedTokens(ServerWebExchange exchange) {
        String client = clientAddress(exchange);
        return budgets.budget("failed-token:" + client, budgetOf(client));
    }

    private RateLimiterConfig budgetOf(String client) {
        return addresses.isSharedEgress(client) ? sharedEgressBudget : addressBudget;
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
                Problems.title(HttpStatus.TOO_MANY_REQUESTS), Messages.get("request.too-many"));
    }

    /** platform-network's reading, the one members-service uses too (and gets forwarded). */
    String clientAddress(ServerWebExchange exchange) {
        return addresses.of(exchange);
    }
}
