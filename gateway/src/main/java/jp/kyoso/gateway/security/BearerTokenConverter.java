package jp.kyoso.gateway.security;

import jp.kyoso.platform.tokens.BearerHeader;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access token of the {@code Authorization} header, as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} reads it with its defaults (header only, never a query or form
 * parameter), by {@link BearerHeader}'s loop instead of its regex and without its chain of operators: a header that
 * does not name the bearer scheme is anonymous, one that does must carry a well-formed token (otherwise 401, as
 * before).
 */
final class BearerTokenConverter implements ServerAuthenticationConverter {

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (!BearerHeader.namesBearer(authorization)) {
            return Mono.empty();
        }
        String token = BearerHeader.wellFormedToken(authorization);
        if (token == null) {
            return Mono.error(new OAuth2AuthenticationException(
                    BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }
}
