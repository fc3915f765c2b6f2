package jp.kyoso.notifications.slack;

import java.time.Duration;

/**
 * Answered with 429 and {@code Retry-After}: the member sent too many test messages ({@link TestMessageLimit}), or
 * (rarely) the webhook had a message a moment ago and its next turn is more than a moment away.
 */
public class TooManyTestMessages extends RuntimeException {
    private final long retryAfterSeconds;
    private final boolean webhookBusy;

    TooManyTestMessages(long retryAfterSeconds, boolean webhookBusy) {
        super("too many Slack test messages");
        this.retryAfterSeconds = retryAfterSeconds;
        this.webhookBusy = webhookBusy;
    }

    static TooManyTestMessages webhookBusy(Duration wait) {
        return new TooManyTestMessages(TestMessageLimit.seconds(wait), true);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Whether the webhook, not the member, has to wait. */
    public boolean webhookBusy() {
        return webhookBusy;
    }
}
