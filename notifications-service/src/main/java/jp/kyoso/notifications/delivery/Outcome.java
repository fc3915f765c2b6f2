package jp.kyoso.notifications.delivery;

import java.time.Duration;
import org.bson.Document;

/**
 * What became of one turn of a delivery.
 *
 * @param status           the new status, or null to keep the current one (a turn that did not try anything, or
 *                         that made progress on a long delivery)
 * @param retryAfter       for a retry: a wait the receiver asked for (429 Retry-After, an open circuit, the rate
 *                         limiter), or null for the exponential backoff
 * @param countsAsFailure  whether the turn counts toward {@code max-failures}
 * @param attempted        whether a request left this service (counted in {@code attempts})
 * @param changes          fields to set on the delivery (what was sent, the resolved recipient)
 */
public record Outcome(DeliveryStatus status, String error, Duration retryAfter, boolean countsAsFailure,
                      boolean attempted, Document changes) {

    public static Outcome sent(Document changes) {
        return new Outcome(DeliveryStatus.SENT, null, null, false, true, changes);
    }

    /** The attempt failed: try again after the backoff. */
    public static Outcome retry(String error) {
        return new Outcome(DeliveryStatus.RETRYING, error, null, true, true, new Document());
    }

    /** The receiver said "later" (HTTP 429): try again then; not the delivery's fault, so not a failure. */
    public static Outcome later(String error, Duration after) {
        return new Outcome(DeliveryStatus.RETRYING, error, after, false, true, new Document());
    }

    /**
     * The receiver could not be reached (connection refused, timed out): try again after the backoff. Not a failure of
     * the delivery, so a server that is down for hours never makes it FAILED.
     */
    public static Outcome unreachable(String error) {
        return new Outcome(DeliveryStatus.RETRYING, error, null, false, true, new Document());
    }

    /** Nothing was sent because the receiver is known to be unavailable (an open circuit). */
    public static Outcome unavailable(String error, Duration after) {
        return new Outcome(DeliveryStatus.RETRYING, error, after, false, false, new Document());
    }

    /** Not this delivery's turn yet (the rate limiter): back in the queue, nothing recorded. */
    public static Outcome deferred(Duration after) {
        return new Outcome(null, null, after, false, false, new Document());
    }

    /** A turn of a long delivery went well and there is more to do: next turn at once, behind what is due. */
    public static Outcome progress(Document changes) {
        return new Outcome(null, null, Duration.ZERO, false, false, changes);
    }

    /** The same outcome, also recording these fields (the progress made before it happened). */
    public Outcome with(Document moreChanges) {
        Document all = new Document(changes);
        all.putAll(moreChanges);
        return new Outcome(status, error, retryAfter, countsAsFailure, attempted, all);
    }

    public static Outcome failed(String error) {
        return new Outcome(DeliveryStatus.FAILED, error, null, false, true, new Document());
    }

    public static Outcome failedWithoutAttempt(String error) {
        return new Outcome(DeliveryStatus.FAILED, error, null, false, false, new Document());
    }
}
