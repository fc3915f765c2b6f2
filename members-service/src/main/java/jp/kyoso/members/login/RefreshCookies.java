package jp.kyoso.members.login;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.WebUtils;
import java.time.Duration;
import jp.kyoso.members.token.TokenProperties;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The browser transport of the refresh token (API.md, "Browser clients"): a client that sends
 * {@code X-Kyoso-Client: web} gets its refresh token as an HttpOnly cookie that page script cannot read, scoped to the
 * auth endpoints and never sent cross-site. The header is required for the cookie to be read too: a plain cross-site
 * form cannot set it, so the cookie alone never refreshes nor logs out.
 */
@Component
class RefreshCookies {
    static final String CLIENT_HEADER = "X-Kyoso-Client";
    static final String WEB_CLIENT = "web";
    static final String NAME = "kyoso_refresh";
    static final String PATH = "/api/auth";

    private final Duration lifetime;

    RefreshCookies(TokenProperties properties) {
        this.lifetime = properties.refreshTokenLifetime();
    }

    static boolean isWeb(HttpServletRequest request) {
        String client = request.getHeader(CLIENT_HEADER);
        return client != null && WEB_CLIENT.equalsIgnoreCase(client.trim());
    }

    /** The refresh token of the cookie, or null. */
    static String read(HttpServletRequest request) {
        Cookie cookie = WebUtils.getCookie(request, NAME);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    ResponseCookie holding(String refreshToken) {
        return base(refreshToken).maxAge(lifetime).build();
    }

    ResponseCookie cleared() {
        return base("").maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(true).sameSite("Strict").path(PATH);
    }
}
