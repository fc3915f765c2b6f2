package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Login limits that fit LGWAN (README "Login limits"): thousands of staff behind one address, so the address ceiling
 * is high and an account is never locked, only slowed down, and never for its owner's known device.
 */
class LoginRateLimitTest extends MembersServiceTest {
    private static final int FREE_FAILURES = 5;

    @Test
    void fiftyFailedLoginsFromOneAddressDoNotStopAnotherMemberBehindIt() {
        ActiveMember target = newMember();
        String prefectureEgress = uniqueClient();
        for (int i = 0; i < 50; i++) {
            assertThat(login(target.email(), "wrong-" + i, prefectureEgress).status()).isIn(401, 429);
        }
        // and fifty failures that all reached the password check, spread over accounts
        for (int account = 0; account < 10; account++) {
            String nobody = unique("nobody") + "@city.naha.lg.jp";
            for (int i = 0; i < FREE_FAILURES; i++) {
                assertThat(login(nobody, "guess-" + i, prefectureEgress).status()).isEqualTo(401);
            }
        }
        ActiveMember colleague = newMember();
        assertThat(login(colleague.email(), PASSWORD, prefectureEgress).status()).isEqualTo(200);
    }

    @Test
    void theOwnersKnownDeviceLogsInDespiteAStrangersFailures() {
        ActiveMember owner = newMember();
        Http.Response first = login(owner.email(), PASSWORD, uniqueClient());
        assertThat(first.status()).isEqualTo(200);
        String ownDevice = deviceCookie(first);
        ActiveMember other = newMember();
        String othersDevice = deviceCookie(login(other.email(), PASSWORD, uniqueClient()));

        String stranger = uniqueClient();
        for (int i = 0; i < 20; i++) {
            assertThat(login(owner.email(), "stranger-" + i, stranger).status()).isIn(401, 429);
        }
        // anyone without the owner's device waits, whatever the password and address
        assertThat(login(owner.email(), PASSWORD, uniqueClient()).status()).isEqualTo(429);
        assertThat(login(owner.email(), PASSWORD, uniqueClient(), "forged-device-token").status()).isEqualTo(429);
        assertThat(login(owner.email(), PASSWORD, uniqueClient(), othersDevice).status()).isEqualTo(429);

        // the owner's device is not delayed, from the stranger's very address too
        Http.Response owners = login(owner.email(), PASSWORD, stranger, ownDevice);
        assertThat(owners.status()).isEqualTo(200);
        assertThat(owners.text("accessToken")).isNotBlank();
        // the same device stays known (the cookie is renewed), and the stranger is still delayed
        assertThat(deviceCookie(owners)).isEqualTo(ownDevice);
        assertThat(login(owner.email(), PASSWORD, uniqueClient()).status()).isEqualTo(429);
    }

    @Test
    void theKnownDeviceCookieIsHttpOnlySecureAndScopedToLogin() {
        ActiveMember member = newMember();
        String setCookie = login(member.email(), PASSWORD, uniqueClient()).headers().get(HttpHeaders.SET_COOKIE)
                .stream().filter(cookie -> cookie.startsWith("kyoso_device=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict")
                .contains("Path=/api/auth/login").contains("Max-Age=");
    }

    @Test
    void theDelayDoublesWithEachFailureSaysHowLongAndThenTheRightPasswordWorks() {
        ActiveMember member = newMember();
        String client = uniqueClient();
        for (int i = 0; i < FREE_FAILURES; i++) {
            Http.Response wrong = login(member.email(), "wrong-" + i, client);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("detail")).contains("パスワード").contains("password");
        }
        List<Long> waits = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // refused without checking the password: the right one is refused as well
            Http.Response waiting = login(member.email(), PASSWORD, client);
            assertThat(waiting.status()).isEqualTo(429);
            assertThat(waiting.contentType()).startsWith("application/problem+json");
            assertThat(waiting.text("detail")).contains("秒後").contains("seconds");
            waits.add(Long.parseLong(waiting.headers().getFirst("Retry-After")));
            if (round < 2) {
                // once the wait is over the next password is checked (a wrong one: one more failure)
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> login(member.email(), "wrong-again", client).status() == 401);
            }
        }
        assertThat(waits.get(0)).isEqualTo(1L);
        assertThat(waits.get(1)).isBetween(2L, 2L);
        assertThat(waits.get(2)).isBetween(3L, 4L);

        AtomicReference<Http.Response> after = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    after.set(login(member.email(), PASSWORD, client));
                    return after.get().status() != 429;
                });
        assertThat(after.get().status()).isEqualTo(200);
    }

    @Test
    void concurrentGuessesGetNoMorePasswordChecksThanTheFreeFailures() {
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
            // then one guess after the other until refused: all in all, exactly the free failures were checked
            for (int i = 0; i <= FREE_FAILURES; i++) {
                int status = login(member.email(), "sequential-guess-" + i, uniqueClient()).status();
                if (status == 429) {
                    break;
                }
                assertThat(status).isEqualTo(401);
                checked++;
            }
            assertThat(checked).isEqualTo(FREE_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSuccessfulLoginClearsTheFailuresOfThatAccount() {
        ActiveMember member = newMember();
        for (int i = 0; i < FREE_FAILURES - 1; i++) {
            assertThat(login(member.email(), "wrong-" + i, uniqueClient()).status()).isEqualTo(401);
        }
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
        for (int i = 0; i < FREE_FAILURES - 1; i++) {
            assertThat(login(member.email(), "wrong-again-" + i, uniqueClient()).status()).isEqualTo(401);
        }
        assertThat(login(member.email(), PASSWORD, uniqueClient()).status()).isEqualTo(200);
    }

    /** As the gateway sends it: only the address it observed. The test client is on this machine, a trusted proxy. */
    private Http.Response login(String email, String password, String clientAddress) {
        return login(email, password, clientAddress, null);
    }

    private Http.Response login(String email, String password, String clientAddress, String device) {
        Map<String, String> headers = new HashMap<>(Map.of("X-Forwarded-For", clientAddress));
        if (device != null) {
            headers.put(HttpHeaders.COOKIE, "kyoso_device=" + device);
        }
        return http.send(HttpMethod.POST, "/api/auth/login", Map.of("email", email, "password", password), null,
                headers);
    }

    private static String deviceCookie(Http.Response login) {
        assertThat(login.status()).isEqualTo(200);
        String setCookie = login.headers().get(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> cookie.startsWith("kyoso_device=")).findFirst().orElseThrow();
        return setCookie.substring("kyoso_device=".length(), setCookie.indexOf(';'));
    }

    /** A documentation-range IPv6 address of its own, so that no earlier run in this JVM has counted against it. */
    private static String uniqueClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("2001:db8:%x:%x:%x:%x::1", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000));
    }
}
