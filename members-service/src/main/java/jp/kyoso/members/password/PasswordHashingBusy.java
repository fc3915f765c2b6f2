package jp.kyoso.members.password;

import java.time.Duration;

/**
 * No password could be hashed within the wait allowed ({@code max-hash-wait}): answered with 503 and
 * {@code Retry-After} ({@link PasswordHashingBusyAnswer}), before the gateway's own timeout would answer for us.
 */
public class PasswordHashingBusy extends RuntimeException {
    private final Duration retryAfter;

    PasswordHashingBusy(Duration waited, Duration retryAfter) {
        super("no password hash slot free within " + waited.toMillis() + " ms");
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
