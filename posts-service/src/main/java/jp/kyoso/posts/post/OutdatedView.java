package jp.kyoso.posts.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The banner of a post flagged as possibly out of date (要確認), as posts and search show it while it has open flags.
 * The members who flagged it are not named here (moderators see them in their list).
 *
 * @param status       FLAGGED, or CONFIRMED once a moderator confirmed it (確認済み)
 * @param flags        how many open flags it has
 * @param latestReason the reason of the newest open flag, with its {@code latestLink} (null when it gave none)
 * @param confirmedBy  the moderator who confirmed it, with {@code confirmedAt} and their {@code note}; absent while
 *                     FLAGGED
 */
public record OutdatedView(String status, int flags, String latestReason, String latestLink,
                           Instant lastFlaggedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedBy,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant confirmedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String note) {

    /** The banner, or null when the post has no open flags. */
    public static OutdatedView of(OutdatedReview review) {
        if (review == null || !review.open()) {
            return null;
        }
        List<OutdatedFlag> open = review.openFlagList();
        OutdatedFlag latest = open.isEmpty() ? null : open.get(open.size() - 1);
        return new OutdatedView(review.status(), open.size(), latest == null ? null : latest.reason(),
                latest == null ? null : latest.link(), review.lastFlaggedAt(), review.confirmedBy(),
                review.confirmedAt(), review.note());
    }
}
