package jp.kyoso.posts.outdated;

import java.time.Instant;
import jp.kyoso.posts.post.OutdatedView;

/**
 * A flag as its member made it (201 of {@code POST /api/posts/{id}/outdated-flags}), with the post's banner after it.
 *
 * @param status        OPEN (until a moderator clears the post's flags)
 * @param firstOpenFlag whether it is the post's first open flag: then its author and watchers are notified
 */
public record FlagView(String flagId, String postId, String status, String reason, String link, String flaggedBy,
                       Instant at, boolean firstOpenFlag, OutdatedView outdated) {
}
