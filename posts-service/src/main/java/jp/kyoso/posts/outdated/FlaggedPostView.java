package jp.kyoso.posts.outdated;

import java.time.Instant;
import java.util.List;
import jp.kyoso.posts.citation.Citation;
import jp.kyoso.posts.member.AuthorView;
import jp.kyoso.posts.post.OutdatedView;

/**
 * A post in the moderators' list of 要確認 flags: the post, what it cites, its banner (null once CLEARED), its review
 * status and every flag, open and cleared, oldest first, naming who flagged.
 *
 * @param status FLAGGED, CONFIRMED or CLEARED
 */
public record FlaggedPostView(String postId, String channel, String title, String excerpt, AuthorView author,
                              boolean hidden, Instant createdAt, List<Citation> citations, boolean mayBeOutdated,
                              String status, OutdatedView outdated, List<FlagEntry> flags) {

    /**
     * @param status    OPEN or CLEARED
     * @param clearedBy the moderator who cleared it, with {@code clearedAt} and {@code clearNote}; null while OPEN
     */
    public record FlagEntry(String flagId, String flaggedBy, String reason, String link, Instant at, String status,
                            String clearedBy, Instant clearedAt, String clearNote) {
    }
}
