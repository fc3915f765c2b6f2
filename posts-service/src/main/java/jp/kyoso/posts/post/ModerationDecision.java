package jp.kyoso.posts.post;

import java.time.Instant;

/**
 * One moderation decision on a post, kept in the post's document and appended in the same update as the change it
 * records (and its PostHidden event), so the history can never miss a decision nor hold one that did not happen.
 *
 * @param action "HIDE", "UNHIDE" or "AUTO_HIDE" (reports crossed the threshold); "OUTDATED_CONFIRMED" or
 *               "OUTDATED_CLEARED" (a moderator confirmed or cleared the post's 要確認 flags)
 * @param note   the moderator's reason, when given
 * @param by     the moderator's member id; null for AUTO_HIDE
 */
public record ModerationDecision(String decisionId, String action, String note, String by, Instant at) {
    public static final String HIDE = "HIDE";
    public static final String UNHIDE = "UNHIDE";
    public static final String AUTO_HIDE = "AUTO_HIDE";
    public static final String OUTDATED_CONFIRMED = "OUTDATED_CONFIRMED";
    public static final String OUTDATED_CLEARED = "OUTDATED_CLEARED";
}
