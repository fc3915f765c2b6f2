package jp.kyoso.posts.post;

import java.time.Instant;

/** A member's report of a post, kept in the post so that one member's reports are counted once. */
public record PostReport(String reportId, String reporterId, String reason, Instant at) {
}
