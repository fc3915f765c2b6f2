package jp.kyoso.posts.post;

import java.time.Instant;
import java.util.List;

/**
 * Whether a post is flagged as possibly out of date (要確認), kept in the post's document and changed in one
 * conditional update together with its event. Absent until the first flag; afterwards it stays, so that
 * {@code revision} only ever grows and a write conditional on it cannot be fooled by a clear and a new flag between.
 *
 * @param status        {@link #FLAGGED} (open flags, no moderator has looked yet), {@link #CONFIRMED} (a moderator
 *                      confirmed it is out of date: the banner stays, marked 確認済み) or {@link #CLEARED} (a moderator
 *                      cleared the flags: no banner)
 * @param openFlags     how many flags are open
 * @param flags         every flag of the post, open and cleared, oldest first
 * @param revision      incremented by every flag, confirmation and clearing
 * @param lastFlaggedAt when the newest flag was made: the order of the moderators' list
 * @param confirmedBy   the moderator who confirmed, with {@code confirmedAt} and their {@code note}; null unless
 *                      CONFIRMED
 */
public record OutdatedReview(String status, int openFlags, List<OutdatedFlag> flags, long revision,
                             Instant lastFlaggedAt, String confirmedBy, Instant confirmedAt, String note) {
    public static final String FLAGGED = "FLAGGED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String CLEARED = "CLEARED";

    /** FLAGGED or CONFIRMED: the post shows the banner. */
    public boolean open() {
        return FLAGGED.equals(status) || CONFIRMED.equals(status);
    }

    public List<OutdatedFlag> openFlagList() {
        return flags == null ? List.of() : flags.stream().filter(OutdatedFlag::open).toList();
    }

    public boolean flaggedBy(String memberId) {
        return openFlagList().stream().anyMatch(flag -> flag.flaggedBy().equals(memberId));
    }
}
