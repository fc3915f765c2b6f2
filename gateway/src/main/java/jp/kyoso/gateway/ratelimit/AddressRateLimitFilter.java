package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-address budget for callers without a token, applied BEFORE Spring Security (-100) so that refused requests
 * (401s) count too. Requests carrying a bearer token are counted per member after security
 * ({@link MemberRateLimitFilter}); those whose token is refused with 401 use up a per-address "failed token" budget,
 * and once that is spent further token requests from the address get 429 without reaching the token check (and its
 * JWKS refetch for unknown key ids).
 */
@Component
class AddressRateLimitFilter implements WebFilter, Ordered {
    private final RateLimits limits;

    AddressRateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!RateLimits.limited(exchange)) {
            return chain.filter(exchange);
        }
        if (!RateLimits.hasBearerToken(exchange)) {
            RateLimiter address = limits.address(exchange);
            return address.acquirePermission() ? chain.filter(exchange) : RateLimits.refuse(exchange, address);
        }
        RateLimiter failedTokens = limits.failedTokens(exchange);
        if (failedTokens.getMetrics().getAvailablePermissions() <= 0) {
            return RateLimits.refuse(exchange, failedTokens);
        }
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && status.value() == HttpStatus.UNAUTHORIZED.value()) {
                failedTokens.acquirePermission();
            }
        });
    }

    @Override
    public int getOrder() {
        // after RequestIdFilter (request id in the access log), before BodySizeLimitFilter buffers anything
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    /** WebFlux names each filter of the chain per request (its checkpoint): a constant, not Object's hash string. */
    @Override
    public String toString() {
        return "AddressRateLimitFilter";
    }
}
