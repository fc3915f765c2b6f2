package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;

class BrowserRefreshCookieTest extends MembersServiceTest {
    private static final Map<String, String> WEB = Map.of("X-Kyoso-Client", "web");

    @Test
    void aWebClientKeepsItsRefreshTokenInAnHttpOnlyCookieThatRotatesAndIsClearedOnLogout() {
        ActiveMember member = newMember();
        Http.Response login = http.send(HttpMethod.POST, "/api/auth/login",
                Map.of("email", member.email(), "password", PASSWORD), null, WEB);
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        assertThat(login.json().has("refreshToken")).isFalse();
        assertThat(login.text("accessToken")).isNotBlank();
        String first = cookieValue(login);
        String setCookie = setCookie(login);
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict")
                .contains("Path=/api/auth").contains("Max-Age=" + 30L * 24 * 60 * 60);

        Http.Response refreshed = http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null, cookie(first));
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        assertThat(refreshed.json().has("refreshToken")).isFalse();
        assertThat(http.get("/api/members/me", refreshed.text("accessToken")).status()).isEqualTo(200);
        String second = cookieValue(refreshed);
        assertThat(second).isNotEqualTo(first);

        // no body at all works too
        Http.Response again = http.send(HttpMethod.POST, "/api/auth/refresh", null, null, cookie(second));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        String third = cookieValue(again);

        // the rotated-out cookie is spent (and presenting it revokes the family, as for body tokens)
        Http.Response stale = http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null, cookie(first));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        Http.Response relogin = http.send(HttpMethod.POST, "/api/auth/login",
                Map.of("email", member.email(), "password", PASSWORD), null, WEB);
        String current = cookieValue(relogin);
        Http.Response logout = http.send(HttpMethod.POST, "/api/auth/logout", "{}", null, cookie(current));
        assertThat(logout.status()).isEqualTo(204);
        ResponseCookie cleared = parse(setCookie(logout));
        assertThat(cleared.getValue()).isEmpty();
        assertThat(setCookie(logout)).contains("Max-Age=0").contains("Path=/api/auth").contains("HttpOnly");
        assertThat(http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null, cookie(current)).status())
                .isEqualTo(401);
        assertThat(third).isNotBlank();
    }

    @Test
    void otherClientsKeepTheTokenInTheBodyAndTheCookieIsReadOnlyFromAWebClient() {
        ActiveMember member = newMember();
        Http.Response login = http.post("/api/auth/login", Map.of("email", member.email(), "password", PASSWORD));
        assertThat(login.text("refreshToken")).isNotBlank();
        // only the known-device cookie (LoginRateLimitTest), never the refresh token
        assertThat(login.headers().get(HttpHeaders.SET_COOKIE)).noneMatch(cookie -> cookie.startsWith("kyoso_refresh"));

        // a cookie without the header (a cross-site form cannot set it) is not read
        Http.Response noHeader = http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null,
                Map.of(HttpHeaders.COOKIE, "kyoso_refresh=" + login.text("refreshToken")));
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("errors").get(0).get("field").asString()).isEqualTo("refreshToken");
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", login.text("refreshToken"))).status())
                .isEqualTo(200);
        // a web client with neither a body token nor a cookie
        assertThat(http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null, WEB).status()).isEqualTo(400);
    }

    private static Map<String, String> cookie(String value) {
        return Map.of("X-Kyoso-Client", "web", HttpHeaders.COOKIE, "kyoso_refresh=" + value);
    }

    private static String setCookie(Http.Response response) {
        // a login also sets the known-device cookie (LoginRateLimitTest)
        List<String> cookies = response.headers().get(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> !cookie.startsWith("kyoso_device=")).toList();
        assertThat(cookies).as("Set-Cookie").hasSize(1);
        return cookies.get(0);
    }

    private static String cookieValue(Http.Response response) {
        ResponseCookie cookie = parse(setCookie(response));
        assertThat(cookie.getName()).isEqualTo("kyoso_refresh");
        assertThat(cookie.getValue()).isNotBlank();
        return cookie.getValue();
    }

    private static ResponseCookie parse(String header) {
        String[] nameValue = header.split(";", 2)[0].split("=", 2);
        return ResponseCookie.from(nameValue[0].trim(), nameValue.length > 1 ? nameValue[1].trim() : "").build();
    }
}
