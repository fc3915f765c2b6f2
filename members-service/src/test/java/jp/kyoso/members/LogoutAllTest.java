package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** {@code POST /api/auth/logout-all}: every refresh token of the caller, of every login, stops working. */
class LogoutAllTest extends MembersServiceTest {
    private static final String PATH = "/api/auth/logout-all";

    @Test
    void logoutOnEveryDeviceRevokesTheRefreshTokensOfEveryLoginAndNoOneElses() {
        ActiveMember member = newMember();
        ActiveMember laptop = login(member.email());
        ActiveMember phone = login(member.email());
        // a session that has already been refreshed once: its current token is revoked too
        Http.Response refreshed = http.post("/api/auth/refresh", Map.of("refreshToken", phone.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        String phoneNow = refreshed.text("refreshToken");
        ActiveMember other = newMember();

        Http.Response logout = http.post(PATH, null, laptop.accessToken());
        assertThat(logout.status()).as(logout.raw()).isEqualTo(204);
        assertThat(logout.headers().get(HttpHeaders.SET_COOKIE)).isNull();

        for (String token : List.of(member.refreshToken(), laptop.refreshToken(), phoneNow)) {
            Http.Response refused = http.post("/api/auth/refresh", Map.of("refreshToken", token));
            assertThat(refused.status()).as(refused.raw()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        // another member's session is untouched, and the member can log in again
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", other.refreshToken())).status())
                .isEqualTo(200);
        ActiveMember again = login(member.email());
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", again.refreshToken())).status())
                .isEqualTo(200);
        // repeating it is no error
        assertThat(http.post(PATH, null, again.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void aWebClientsRefreshCookieIsClearedAndStopsWorking() {
        ActiveMember member = newMember();
        Map<String, String> web = Map.of("X-Kyoso-Client", "web");
        Http.Response login = http.send(HttpMethod.POST, "/api/auth/login",
                Map.of("email", member.email(), "password", PASSWORD), null, web);
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        String cookie = login.headers().getFirst(HttpHeaders.SET_COOKIE).split(";", 2)[0];
        assertThat(cookie).startsWith("kyoso_refresh=").isNotEqualTo("kyoso_refresh=");

        Http.Response logout = http.send(HttpMethod.POST, PATH, null, login.text("accessToken"),
                Map.of("X-Kyoso-Client", "web", HttpHeaders.COOKIE, cookie));
        assertThat(logout.status()).as(logout.raw()).isEqualTo(204);
        List<String> setCookie = logout.headers().get(HttpHeaders.SET_COOKIE);
        assertThat(setCookie).singleElement().satisfies(header -> assertThat(header).startsWith("kyoso_refresh=;")
                .contains("Max-Age=0").contains("Path=/api/auth").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Strict"));

        Http.Response refresh = http.send(HttpMethod.POST, "/api/auth/refresh", "{}", null,
                Map.of("X-Kyoso-Client", "web", HttpHeaders.COOKIE, cookie));
        assertThat(refresh.status()).as(refresh.raw()).isEqualTo(401);
        // the body token of the member's other, non-web login is revoked as well
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(401);
    }

    @Test
    void itNeedsAValidAccessTokenAndARefreshTokenIsNotEnough() {
        ActiveMember member = newMember();
        Http.Response none = http.post(PATH, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        // a refresh token in the body or the cookie does not log anybody out
        assertThat(http.send(HttpMethod.POST, PATH, Map.of("refreshToken", member.refreshToken()), null,
                Map.of("X-Kyoso-Client", "web", HttpHeaders.COOKIE, "kyoso_refresh=" + member.refreshToken()))
                .status()).isEqualTo(401);
        assertThat(http.post(PATH, null, "not-a-jwt").status()).isEqualTo(401);
        assertThat(http.post(PATH, null, member.refreshToken()).status()).isEqualTo(401);
        // nothing was revoked
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(200);
    }
}
