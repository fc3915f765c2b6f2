package jp.kyoso.platform.security.revocation;

import jp.kyoso.platform.revocation.RevokedTokens;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.kyoso.platform.text.Messages;
import jp.kyoso.platform.web.ProblemResponses;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 401 problem+json, an access token that members-service has revoked since it was issued (the member
 * left, their roles changed, or they logged out everywhere). Goes right after the bearer-token authentication:
 * {@code http.addFilterAfter(new RevokedTokenFilter(revokedTokens), BearerTokenAuthenticationFilter.class)}. Not a
 * bean, or Boot would also register it as a servlet filter for every request.
 */
public final class RevokedTokenFilter extends OncePerRequestFilter {
    public static final String TITLE = ProblemTexts.title(HttpStatus.UNAUTHORIZED);
    public static final String DETAIL = Messages.get("security.token-revoked");

    private final RevokedTokens revoked;

    public RevokedTokenFilter(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && revoked.isRevoked(token.getToken())) {
            SecurityContextHolder.clearContext();
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, TITLE, DETAIL);
            return;
        }
        chain.doFilter(request, response);
    }
}
