package jp.kyoso.notifications.preference;

/** How a member wants notices by mail. */
public enum EmailMode {
    /** Within a minute; notices that arrive close together share one mail. */
    INSTANT,
    /** Once a day, at the configured time in Asia/Tokyo. */
    DAILY_DIGEST,
    OFF
}
