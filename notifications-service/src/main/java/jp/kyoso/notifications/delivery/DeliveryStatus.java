package jp.kyoso.notifications.delivery;

/**
 * {@code SENT}, {@code RETRYING} and {@code FAILED} as API.md names them, and {@code PENDING} for a delivery that is
 * queued and was not tried yet (an INSTANT mail waiting for the end of its window, for instance).
 */
public enum DeliveryStatus {
    PENDING, RETRYING, SENT, FAILED
}
