package jp.kyoso.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The gateway answers only what SecurityConfig lists; everything else is refused. A path outside the list is
 * answered 404 problem+json for everyone, token or not (not 401 "please log in" nor 403): there is nothing there, and
 * the answer does not tell a scanner which unlisted paths the gateway knows.
 */
final class DenyByDefault {
    /** The web client's own files (see web/public and Vite's assets/) that the gateway serves from its web root. */
    static final String[] WEB_APP_FILES = {"/index.html", "/sw.js", "/manifest.webmanifest", "/robots.txt",
            "/assets/**", "/icons/**"};

    /**
     * The pages of the web client (web/src/app/routes.tsx, the routes of shared/UI.md): each answers index.html.
     * Opening a page needs no token; what the page shows comes from /api/**, which does.
     */
    static final String[] WEB_APP_PAGES = {"/", "/register", "/verify", "/login", "/welcome", "/channels/*",
            "/posts/new", "/posts/*", "/search", "/notifications", "/settings/notifications", "/settings/account",
            "/members", "/members/*", "/sessions", "/sessions/*", "/console", "/handover"};

    private DenyByDefault() {
    }

    /** The last rule: whatever is not listed does not exist (404, through the gateway's ProblemErrorHandler). */
    static ReactiveAuthorizationManager<AuthorizationContext> notFound() {
        return DenyByDefault::refuse;
    }

    private static Mono<AuthorizationResult> refuse(Mono<Authentication> authentication, AuthorizationContext context) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
