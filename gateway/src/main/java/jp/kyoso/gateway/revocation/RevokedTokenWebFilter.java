package jp.kyoso.gateway.revocation;

import jp.kyoso.gateway.Messages;
import jp.kyoso.platform.revocation.RevokedTokens;

import jp.kyoso.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, with 401 problem+json, an access token members-service has revoked since it was issued. Runs after
 * Spring Security (order -50 &gt; -100), so the token has been verified and its claims are at hand, and before the
 * per-member rate limit (0), so a revoked token spends no budget.
 */
class RevokedTokenWebFilter implements WebFilter, Ordered {
    static final String TITLE = Problems.title(HttpStatus.UNAUTHORIZED);
    static final String DETAIL = Messages.get("security.token-revoked");

    private final RevokedTokens revoked;

    RevokedTokenWebFilter(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> revoked.isRevoked(((JwtAuthenticationToken) principal).getToken()))
                .defaultIfEmpty(false)
                .flatMap(isRevoked -> {
                    if (!isRevoked) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, TITLE, DETAIL);
                });
    }

    @Override
    public int getOrder() {
        return -50;
    }

    /** WebFlux names each filter of the chain per request (its checkpoint): a constant, not Object's hash string. */
    @Override
    public String toString() {
        return "RevokedTokenWebFilter";
    }
}
