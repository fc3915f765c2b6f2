package jp.kyoso.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jp.kyoso.platform.tokens.BearerHeader;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The access token of the {@code Authorization} header, as Spring Security's {@code DefaultBearerTokenResolver} reads
 * it with its defaults (header only, never a query or form parameter), by {@link BearerHeader}'s loop instead of its
 * regex: a header that does not name the bearer scheme means no token; one that does must carry a well-formed token
 * (otherwise 401, as before). Every service uses it ({@link ResourceServerSecurity}) unless it declares a
 * {@link BearerTokenResolver} bean of its own.
 */
public final class HeaderBearerTokenResolver implements BearerTokenResolver {

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!BearerHeader.namesBearer(authorization)) {
            return null;
        }
        String token = BearerHeader.wellFormedToken(authorization);
        if (token == null) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return token;
    }
}
