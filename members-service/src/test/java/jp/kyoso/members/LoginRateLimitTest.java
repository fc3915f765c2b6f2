package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class LoginRateLimitTest extends MembersServiceTest {

    @Test
    void tenFailuresForOneAddressBlockItEvenWithTheRightPasswordAndSay429WithRetryAfter() {
        ActiveMember member = newMember();
        for (int i = 0; i < 10; i++) {
            // every attempt from another client: the email address alone is what is counted here
            Http.Response wrong = login(member.email(), "wrong-password-" + i, uniqueClient());
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("detail")).contains("パスワード").contains("password");
        }
        Http.Response blocked = login(member.email(), PASSWORD, uniqueClient());
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(blocked.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 301L);

        // other members are not affected
        ActiveMember other = newMember();
        assertThat(login(other.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    @Test
    void tenFailuresFromOneClientAddressBlockThatAddressForEveryAccount() {
        ActiveMember member = newMember();
        String attacker = uniqueClient();
        for (int i = 0; i < 10; i++) {
            assertThat(login(unique("nobody") + "@city.naha.lg.jp", "guess-" + i, attacker).status()).isEqualTo(401);
        }
        Http.Response blocked = login(member.email(), PASSWORD, attacker);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    @Test
    void concurrentGuessesGetNoMorePasswordChecksThanTheLimit() {
        ActiveMember member = newMember();
        int guesses = 30;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "concurrent-guess-" + i;
                answers.add(CompletableFuture.supplyAsync(() -> login(member.email(), guess, uniqueClient()).status(),
                        pool));
            }
            List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).allMatch(status -> status == 401 || status == 429);
            long checked = statuses.stream().filter(status -> status == 401).count();
            // Then one guess after the other until refused: all in all, exactly ten passwords were checked.
            for (int i = 0; i <= 10; i++) {
                int status = login(member.email(), "sequential-guess-" + i, uniqueClient()).status();
                if (status == 429) {
                    break;
                }
                assertThat(status).isEqualTo(401);
                checked++;
            }
            assertThat(checked).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(429);
    }

    @Test
    void aSuccessfulLoginClearsTheCountOfThatEmailAddress() {
        ActiveMember member = newMember();
        for (int i = 0; i < 9; i++) {
            assertThat(login(member.email(), "wrong-" + i, uniqueClient()).status()).isEqualTo(401);
        }
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
        assertThat(login(member.email(), "wrong-again", uniqueClient()).status()).isEqualTo(401);
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    /** As the gateway sends it: only the address it observed. The test client is on this machine, a trusted proxy. */
    private Http.Response login(String email, String password, String clientAddress) {
        return http.send(HttpMethod.POST, "/api/auth/login", Map.of("email", email, "password", password), null,
                Map.of("X-Forwarded-For", clientAddress));
    }

    /** A documentation-range IPv6 address of its own, so that no earlier run in this JVM has counted against it. */
    private static String uniqueClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2001:db8:%x:%x:%x:%x::1", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000));
    }
}
