package jp.kyoso.notifications.email;

/** A rendered plain-text mail. */
public record Mail(String to, String subject, String text) {
}
