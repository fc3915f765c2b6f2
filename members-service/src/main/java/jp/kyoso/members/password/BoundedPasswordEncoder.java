package jp.kyoso.members.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * At most {@code permits} password hashes computed at once. An Argon2id hash holds its whole memory cost (7 MiB by
 * default) while it runs: fifty request threads hashing at once would need about 350 MB of a heap of a few hundred MB.
 * Hashing is CPU-bound, so more hashes at once than cores would not finish sooner anyway; the others wait their turn,
 * for at most {@code maxWait}: then {@link PasswordHashingBusy} (503 with Retry-After) answers before the gateway gives
 * up on the request.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {
    // a burst of 200 sign-ins at 19 MiB took 8 s at two hashes at a time: a client coming back 2 s later finds room
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final Duration maxWait;

    BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration maxWait) {
        this.delegate = delegate;
        this.permits = new Semaphore(Math.max(1, permits), true);
        this.maxWait = maxWait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new PasswordHashingBusy(maxWait, RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
    }
}
