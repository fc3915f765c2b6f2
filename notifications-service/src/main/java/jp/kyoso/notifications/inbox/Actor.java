package jp.kyoso.notifications.inbox;

/** The member whose action caused a notice; {@code displayName} is null when unknown or erased. */
public record Actor(String id, String displayName) {
}
