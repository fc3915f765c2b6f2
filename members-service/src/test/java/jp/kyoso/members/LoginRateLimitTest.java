package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class LoginRateLimitTest extends MembersServiceTest {

    @Test
    void tenFailuresForOneAddressBlockItEvenWithTheRightPasswordAndSay429WithRetryAfter() {
        ActiveMember member = newMember();
        for (int i = 0; i < 10; i++) {
            // every attempt from another client: the email address alone is what is counted here
            Http.Response wrong = login(member.email(), "wrong-password-" + i, "192.0.2." + (i + 1));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("detail")).contains("パスワード").contains("password");
        }
        Http.Response blocked = login(member.email(), PASSWORD, "192.0.2.99");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(blocked.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 301L);

        // other members are not affected
        ActiveMember other = newMember();
        assertThat(login(other.email(), PASSWORD, "192.0.2.100").status()).isEqualTo(200);
    }

    @Test
    void tenFailuresFromOneClientAddressBlockThatAddressForEveryAccount() {
        ActiveMember member = newMember();
        String attacker = "198.51.100.7";
        for (int i = 0; i < 10; i++) {
            assertThat(login(unique("nobody") + "@city.naha.lg.jp", "guess-" + i, attacker).status()).isEqualTo(401);
        }
        Http.Response blocked = login(member.email(), PASSWORD, attacker);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(login(member.email(), PASSWORD, "198.51.100.8").status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsTheCountOfThatEmailAddress() {
        ActiveMember member = newMember();
        for (int i = 0; i < 9; i++) {
            assertThat(login(member.email(), "wrong-" + i, "203.0.113." + (i + 1)).status()).isEqualTo(401);
        }
        assertThat(login(member.email(), PASSWORD, "203.0.113.50").status()).isEqualTo(200);
        assertThat(login(member.email(), "wrong-again", "203.0.113.51").status()).isEqualTo(401);
        assertThat(login(member.email(), PASSWORD, "203.0.113.52").status()).isEqualTo(200);
    }

    private Http.Response login(String email, String password, String clientAddress) {
        return http.send(HttpMethod.POST, "/api/auth/login", Map.of("email", email, "password", password), null,
                Map.of("X-Forwarded-For", clientAddress + ", 10.0.0.1"));
    }
}
