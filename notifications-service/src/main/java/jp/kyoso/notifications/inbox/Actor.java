package jp.kyoso.notifications.inbox;

/**
 * Who caused a notice; {@code displayName} is null when unknown. Notices that no member caused (welcome, nudge) and
 * reports, whose reporter stays anonymous, show {@link #SYSTEM}: clients can rely on {@code actor} being an object.
 */
public record Actor(String id, String displayName) {
    public static final Actor SYSTEM = new Actor(null, "Kyoso 共創");
}
