package jp.kyoso.members.login;

/** Answered with 429 and {@code Retry-After}. */
class TooManyLoginAttempts extends RuntimeException {
    private final long retryAfterSeconds;

    TooManyLoginAttempts(long retryAfterSeconds) {
        super("too many failed logins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
