package jp.kyoso.posts.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.posts.citation.Citation;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.session.Session;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A post, the aggregate of everything that changes with it in one document update: its content and revisions, its
 * reactions, its reports and visibility, and the events that describe each change (the outbox). Replies live in
 * their own collection; the post keeps their count and the last activity time.
 *
 * @param reactions           emoji → the members who reacted with it (a set: one reaction per member and emoji)
 * @param mentionedMemberIds  everyone ever mentioned in the body, so that an edit announces only new mentions
 * @param hiddenAt            when it was hidden (by reports or a moderator); null while it is shown
 * @param reviewedReportCount the report count when a moderator last reviewed the post; reports after that are open
 * @param openReportCount     the reports since the last review (reportCount - reviewedReportCount), kept with them
 * @param version             incremented by each edit, for optimistic concurrency between editors
 * @param session             the time, place, capacity and RSVPs of a post of kind SESSION; null for other kinds
 * @param hiddenNote          the moderator's reason for hiding it, when they gave one; null otherwise
 * @param decisions           every hide, unhide and automatic hiding of the post, and every confirmation and clearing
 *                            of its 要確認 flags, oldest first; only ever appended
 * @param answer              the reply chosen as the answer of a question (解決済み); null while it has none
 * @param citations           the laws, ordinances, orders and notices the title and body cite (citation.CitationFinder),
 *                            found again on every edit; null in posts written before they were recorded
 * @param outdated            the flags that the post may be out of date (要確認) and a moderator's review of them;
 *                            null until the first flag
 * @param organizationAtPosting the author's organization when the post was written (member.OrganizationAtPosting),
 *                            never changed by profile updates; null when unknown then and in posts written before it
 *                            was recorded, erased when the author leaves
 * @param organizationCodeAtPosting the 全国地方公共団体コード of that organization (member.OrganizationCodesAtPosting):
 *                            stamped at creation, caught up for older posts once the member projection knows the
 *                            code, erased when the author leaves; what 「同じような町」 filters by (town.OrganizationCodes)
 *
 * <p>The document also holds {@code pendingReplies} for a moment (see reply.PendingReplies); it is not read here.
 */
@Document("posts")
public record Post(@Id String id, String channelSlug, PostKind kind, String title, String body, List<String> tags,
                   Author author, Instant createdAt, Instant editedAt, String editedBy, Instant lastActivityAt,
                   int replyCount, Map<String, List<String>> reactions, List<String> mentionedMemberIds,
                   List<Revision> revisions, boolean deleted, Instant deletedAt, String deletedBy, boolean hidden,
                   String hiddenReason, Instant hiddenAt, List<PostReport> reports, int reportCount,
                   int reviewedReportCount, int openReportCount, Instant lastReportedAt, long version,
                   Session session, String hiddenNote, List<ModerationDecision> decisions,
                   ChosenAnswer answer, List<Citation> citations, OutdatedReview outdated,
                   String organizationAtPosting, String organizationCodeAtPosting, List<PendingEvent> outbox) {

    public boolean isAuthor(String memberId) {
        return author != null && author.memberId().equals(memberId);
    }

    /** A question with a chosen answer; other kinds are never solved. */
    public boolean solved() {
        return kind == PostKind.QUESTION && answer != null;
    }

    public boolean reportedBy(String memberId) {
        return reports != null && reports.stream().anyMatch(report -> report.reporterId().equals(memberId));
    }
}
