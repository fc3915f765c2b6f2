package jp.kyoso.local;

/**
 * One mail as delivered to one recipient ({@code to} is that recipient's address), with its text decoded.
 *
 * @param receivedAt ISO-8601 with offset
 */
public record CapturedMail(String to, String from, String subject, String text, String receivedAt) {
}
