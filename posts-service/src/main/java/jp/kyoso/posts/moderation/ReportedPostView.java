package jp.kyoso.posts.moderation;

import java.time.Instant;
import java.util.List;
import jp.kyoso.posts.member.AuthorView;

/**
 * A reported post in the moderators' list: how many members reported it, how many of those reports came after the
 * last review ({@code openReportCount}), the reasons, and whether it is hidden, why and since when.
 */
public record ReportedPostView(String postId, String channel, String title, String excerpt, AuthorView author,
                               boolean hidden, String hiddenReason, Instant hiddenAt, int reportCount,
                               int openReportCount,
                               List<ReportView> reports, Instant lastReportedAt) {

    public record ReportView(String reportId, String reporterId, String reason, Instant at) {
    }
}
