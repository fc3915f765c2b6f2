package jp.kyoso.posts.moderation;

import java.time.Instant;

/**
 * One entry of the moderators' history of decisions.
 *
 * @param action "HIDE", "UNHIDE" or "AUTO_HIDE"
 * @param note   the moderator's reason, or null
 * @param by     the moderator's member id; null for AUTO_HIDE
 */
public record DecisionView(String postId, String title, String channel, String action, String note, String by,
                           Instant at) {
}
