package jp.kyoso.posts.post;

import java.time.Instant;

/**
 * A member's flag that a post may be out of date (要確認: 法改正・通知の改正), kept in the post's {@link OutdatedReview}.
 * Flags are never removed: a moderator's clearing closes them, so who flagged what and why stays on record.
 *
 * @param link      where the newer law or notice is (http or https), or null
 * @param status    {@link #OPEN} until a moderator clears the post's flags, then {@link #CLEARED}
 * @param clearedBy the moderator who cleared it, with {@code clearedAt} and their {@code clearNote}; null while open
 */
public record OutdatedFlag(String flagId, String flaggedBy, String reason, String link, Instant at, String status,
                           String clearedBy, Instant clearedAt, String clearNote) {
    public static final String OPEN = "OPEN";
    public static final String CLEARED = "CLEARED";

    public boolean open() {
        return OPEN.equals(status);
    }

    public OutdatedFlag cleared(String by, Instant when, String note) {
        return open() ? new OutdatedFlag(flagId, flaggedBy, reason, link, at, CLEARED, by, when, note) : this;
    }
}
