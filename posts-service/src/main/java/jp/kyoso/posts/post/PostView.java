package jp.kyoso.posts.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.citation.Citation;
import jp.kyoso.posts.citation.KnowledgeAge;
import jp.kyoso.posts.member.AuthorView;
import jp.kyoso.posts.member.OrganizationAtPosting;
import jp.kyoso.posts.session.SessionView;

/**
 * A post as the API shows it. {@code hidden} is true only in what moderators see; {@code lastActivityAt} is the time
 * of the latest reply (or the creation); {@code session} is there for kind SESSION only, with the viewer's own RSVP.
 * {@code solved} is there for kind QUESTION only, and {@code answer} while a question is solved (解決済み).
 * {@code citations} are the laws and notices it cites; {@code mayBeOutdated} is true when the newest of their dates is
 * older than {@code kyoso.knowledge.stale-after} (「情報が古い可能性があります」); {@code outdated} is the 要確認 banner
 * while members' flags are open. {@code authorOrganizationAtPosting} is the author's organization when the post was
 * written, there only when it differs from the current one in {@code author} (they have moved since).
 * {@code organizationCodeAtPosting} is the 全国地方公共団体コード of the organization the post was written from, when
 * known (「同じような町」); never for a former member.
 */
public record PostView(String id, String channel, PostKind kind, String title, String body, List<String> tags,
                       AuthorView author, Instant createdAt, Instant editedAt, int replyCount,
                       Map<String, Integer> reactions, Instant lastActivityAt, boolean hidden, SessionView session,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean solved,
                       @JsonInclude(JsonInclude.Include.NON_NULL) AnswerView answer,
                       List<Citation> citations, boolean mayBeOutdated,
                       @JsonInclude(JsonInclude.Include.NON_NULL) OutdatedView outdated,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String authorOrganizationAtPosting,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String organizationCodeAtPosting) {

    /** @param viewerId the member who asks, whose RSVP a session shows as {@code myStatus} */
    public static PostView of(Post post, String viewerId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (post.reactions() != null) {
            post.reactions().forEach((emoji, members) -> {
                if (members != null && !members.isEmpty()) {
                    counts.put(emoji, members.size());
                }
            });
        }
        return new PostView(post.id(), post.channelSlug(), post.kind(), post.title(), post.body(),
                post.tags() == null ? List.of() : post.tags(), post.author().view(), post.createdAt(),
                post.editedAt(), post.replyCount(), counts,
                post.lastActivityAt() == null ? post.createdAt() : post.lastActivityAt(), post.hidden(),
                post.session() == null ? null : SessionView.of(post.session(), viewerId),
                post.kind() == PostKind.QUESTION ? post.solved() : null,
                post.solved() ? AnswerView.of(post.answer()) : null,
                post.citations() == null ? List.of() : post.citations(),
                KnowledgeAge.current().mayBeOutdated(post.citations(), post.createdAt()),
                OutdatedView.of(post.outdated()),
                OrganizationAtPosting.shown(post.author(), post.organizationAtPosting()),
                OrganizationAtPosting.codeShown(post.author(), post.organizationCodeAtPosting()));
    }
}
