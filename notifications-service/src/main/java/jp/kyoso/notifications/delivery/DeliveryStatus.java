package jp.kyoso.notifications.delivery;

/**
 * {@code SENT}, {@code RETRYING} and {@code FAILED} as API.md names them, and {@code PENDING} for a delivery that is
 * queued and was not tried yet (an INSTANT mail waiting for the end of its window, for instance), which the API shows
 * as {@code RETRYING} with no attempts.
 */
public enum DeliveryStatus {
    PENDING, RETRYING, SENT, FAILED;

    /** The status as API.md names it. */
    public String shown() {
        return this == PENDING ? RETRYING.name() : name();
    }
}
