package jp.kyoso.members.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.kyoso.members.Messages;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

    /** Hashes "h:" + the password, and holds the first call until released. */
    private static final class SlowEncoder implements PasswordEncoder {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence raw) {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "h:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return encode(raw).equals(encoded);
        }
    }

    @Test
    void aRequestThatFindsNoFreeSlotInTimeIsRefusedAndTheNextOneGoesThrough() throws Exception {
        SlowEncoder slow = new SlowEncoder();
        BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(100));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> bounded.encode("first"));
        assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bounded.matches("second", "h:second"))
                .isInstanceOfSatisfying(PasswordHashingBusy.class,
                        busy -> assertThat(busy.retryAfterSeconds()).isEqualTo(2));

        slow.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("h:first");
        assertThat(bounded.matches("second", "h:second")).isTrue();
    }

    @Test
    void theRefusalIsA503WithRetryAfterThatSaysThePasswordWasNotChecked() {
        ResponseEntity<ProblemDetail> answer = new PasswordHashingBusyAnswer()
                .busy(new PasswordHashingBusy(Duration.ofSeconds(1), Duration.ofSeconds(2)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getTitle()).isEqualTo(Messages.get("password.busy.title"));
        assertThat(answer.getBody().getDetail()).contains("2秒後").contains("the password was not checked");
    }
}
