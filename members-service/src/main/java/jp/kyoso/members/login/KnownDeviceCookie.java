package jp.kyoso.members.login;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.WebUtils;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The {@code kyoso_device} cookie: set on every successful login, sent back only to the login endpoint. HttpOnly (page
 * script never sees it), Secure, SameSite=Strict, and long-lived (renewed on each login) so that a member's own device
 * stays known.
 */
@Component
class KnownDeviceCookie {
    static final String NAME = "kyoso_device";
    static final String PATH = "/api/auth/login";

    private final LoginProperties properties;

    KnownDeviceCookie(LoginProperties properties) {
        this.properties = properties;
    }

    static String read(HttpServletRequest request) {
        Cookie cookie = WebUtils.getCookie(request, NAME);
        return cookie == null || cookie.getValue() == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    ResponseCookie holding(String token) {
        return ResponseCookie.from(NAME, token).httpOnly(true).secure(true).sameSite("Strict").path(PATH)
                .maxAge(properties.knownDeviceLifetime()).build();
    }
}
