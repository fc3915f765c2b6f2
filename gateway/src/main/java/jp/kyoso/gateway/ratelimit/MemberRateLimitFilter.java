package jp.kyoso.gateway.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-member budget. Runs after Spring Security (order 0 &gt; -100), so a valid token's subject names the member.
 * Requests without a bearer token were already counted per address by {@link AddressRateLimitFilter}.
 */
@Component
class MemberRateLimitFilter implements WebFilter, Ordered {
    private final RateLimits limits;

    MemberRateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!RateLimits.limited(exchange) || !RateLimits.hasBearerToken(exchange)) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> limits.member(principal.getName()))
                // a bearer request that security let through without a member: count it against its address
                .switchIfEmpty(Mono.fromSupplier(() -> limits.address(exchange)))
                .flatMap(limiter -> limiter.acquirePermission() ? chain.filter(exchange)
                        : RateLimits.refuse(exchange, limiter));
    }

    @Override
    public int getOrder() {
        return 0;
    }

    /** WebFlux names each filter of the chain per request (its checkpoint): a constant, not Object's hash string. */
    @Override
    public String toString() {
        return "MemberRateLimitFilter";
    }
}
