package jp.kyoso.posts.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.ModerationDecision;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.post.PostReport;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import jp.kyoso.posts.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Reports, automatic hiding and moderators' review.
 *
 * <p>A post that {@value #AUTO_HIDE_REPORTS} different members reported since its last review is hidden until a
 * moderator reviews it (Decidim's default). Every write is conditional on the post's report state as it was read, so
 * the report, the new count, the hiding and their events are one single-document update even when reports race.
 */
@Service
class Moderation {
    static final int AUTO_HIDE_REPORTS = 3;
    static final String REASON_REPORTS = "REPORTS";
    static final String REASON_MODERATOR = "MODERATOR";
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;

    Moderation(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, OutboxRelay outboxRelay,
               ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    /**
     * Files the member's report; a repeated report by the same member is accepted and changes nothing. Reporting
     * one's own post is refused (422): an author edits or deletes it instead, and the report would only count towards
     * hiding it and alert the moderators for nothing.
     */
    void report(String postId, CurrentMember reporter, String reason) {
        members.requireActive(reporter);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, reporter);
            if (post.isAuthor(reporter.id())) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, Messages.get("shared.not-possible.title"),
                        Messages.get("moderation.own-post"));
            }
            if (post.reportedBy(reporter.id())) {
                return;
            }
            Instant now = Times.now();
            int count = post.reportCount() + 1;
            int open = count - post.reviewedReportCount();
            String reportId = UUID.randomUUID().toString();
            Update update = new Update()
                    .push(PostFields.REPORTS, new PostReport(reportId, reporter.id(), reason.strip(), now))
                    .set(PostFields.REPORT_COUNT, count).set(PostFields.OPEN_REPORT_COUNT, open)
                    .set(PostFields.LAST_REPORTED_AT, now);
            List<PendingEvent> pending = new ArrayList<>();
            pending.add(PostsEvents.reportFiled(postId, reportId, post.channelSlug(), post.title(), reporter.id(),
                    reason.strip(), count, now));
            boolean hides = !post.hidden() && open >= AUTO_HIDE_REPORTS;
            if (hides) {
                update.set(PostFields.HIDDEN, true).set(PostFields.HIDDEN_REASON, REASON_REPORTS)
                        .set(PostFields.HIDDEN_AT, now).set(PostFields.HIDDEN_NOTE, null)
                        .push(PostFields.DECISIONS, decision(ModerationDecision.AUTO_HIDE, null, null, now));
                pending.add(PostsEvents.postHidden(postId, post.channelSlug(), true, REASON_REPORTS, null, "system",
                        now, post.author().memberId(), post.title(), true));
            }
            // one append: a second push to the same field in one Update would replace the first
            Outbox.append(update, pending.toArray(PendingEvent[]::new));
            Query asRead = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false)
                    .and(PostFields.REPORT_COUNT).is(post.reportCount()).and(PostFields.HIDDEN).is(post.hidden())
                    .and(PostFields.REVIEWED_REPORT_COUNT).is(post.reviewedReportCount()));
            if (mongo.updateFirst(asRead, update, Post.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                if (hides) {
                    events.publishEvent(new ThreadChanged(postId));
                }
                return;
            }
        }
        throw ApiProblem.conflict(Messages.get("post.changed-meanwhile"));
    }

    /**
     * A moderator hides the post (or confirms an automatic hiding); the open reports count as reviewed.
     *
     * @param note the moderator's reason (shown to the author), or null
     */
    void hide(String postId, CurrentMember moderator, String note) {
        setHidden(postId, moderator, true, note);
    }

    /** A moderator shows the post again; the reports so far count as reviewed. */
    void unhide(String postId, CurrentMember moderator, String note) {
        setHidden(postId, moderator, false, note);
    }

    /**
     * One conditional single-document update: the visibility, the review of the reports, the decision in the history
     * and PostHidden. A decision is recorded when it changes something (the visibility, a hiding by reports confirmed
     * by a moderator) or carries a reason; a repeated click without a reason changes nothing. PostHidden is written when
     * the visibility changes, and also when a moderator hides an already hidden post with a reason, so that the
     * author hears the reason.
     */
    private void setHidden(String postId, CurrentMember moderator, boolean hidden, String note) {
        members.requireActive(moderator);
        String reason = note == null || note.isBlank() ? null : note.strip();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, moderator);
            Instant now = Times.now();
            Update update = new Update().set(PostFields.HIDDEN, hidden)
                    .set(PostFields.REVIEWED_REPORT_COUNT, post.reportCount()).set(PostFields.OPEN_REPORT_COUNT, 0);
            boolean changes = post.hidden() != hidden;
            boolean confirms = hidden && !changes && !REASON_MODERATOR.equals(post.hiddenReason());
            boolean announces = changes || (hidden && reason != null);
            if (changes) {
                update.set(PostFields.HIDDEN_REASON, hidden ? REASON_MODERATOR : null)
                        .set(PostFields.HIDDEN_AT, hidden ? now : null)
                        .set(PostFields.HIDDEN_NOTE, hidden ? reason : null);
            } else if (hidden) {
                // confirming a hiding by reports: it stays hidden since then
                update.set(PostFields.HIDDEN_REASON, REASON_MODERATOR);
                if (reason != null) {
                    update.set(PostFields.HIDDEN_NOTE, reason);
                }
                if (post.hiddenAt() == null) {
                    update.set(PostFields.HIDDEN_AT, now);
                }
            }
            if (changes || confirms || reason != null) {
                update.push(PostFields.DECISIONS, decision(hidden ? ModerationDecision.HIDE : ModerationDecision.UNHIDE,
                        reason, moderator.id(), now));
            }
            if (announces) {
                Outbox.append(update, PostsEvents.postHidden(postId, post.channelSlug(), hidden, REASON_MODERATOR,
                        reason, moderator.id(), now, post.author().memberId(), post.title(), changes));
            }
            Query asRead = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false)
                    .and(PostFields.REPORT_COUNT).is(post.reportCount()).and(PostFields.HIDDEN).is(post.hidden())
                    .and(PostFields.HIDDEN_REASON).is(post.hiddenReason()));
            if (mongo.updateFirst(asRead, update, Post.class).getMatchedCount() == 1) {
                if (announces) {
                    outboxRelay.wakeUp();
                }
                if (changes) {
                    events.publishEvent(new ThreadChanged(postId));
                }
                return;
            }
        }
        throw ApiProblem.conflict(Messages.get("post.changed-meanwhile"));
    }

    private static ModerationDecision decision(String action, String note, String by, Instant at) {
        return new ModerationDecision(UUID.randomUUID().toString(), action, note, by, at);
    }

    enum ListState {
        /** Posts with reports since their last review. */
        OPEN,
        /** Every post ever reported. */
        ALL,
        /** Every hidden post, reported or hidden by a moderator. */
        HIDDEN
    }

    /**
     * Newest first: by the last report for OPEN and ALL, by the time of hiding for HIDDEN (a post hidden by a
     * moderator may never have been reported). Each is one query with a keyset cursor on that time.
     */
    Page<ReportedPostView> reportedPosts(ListState state, String cursor, int limit) {
        Criteria criteria = Criteria.where(PostFields.DELETED).is(false);
        String time;
        switch (state) {
            case HIDDEN -> {
                criteria.and(PostFields.HIDDEN).is(true);
                time = PostFields.HIDDEN_AT;
            }
            case OPEN -> {
                // a reported post has lastReportedAt: said, so that the index of reported posts (partial on it) serves
                // this; open reports are reports
                criteria.and(PostFields.LAST_REPORTED_AT).exists(true).and(PostFields.REPORT_COUNT).gt(0)
                        .and(PostFields.OPEN_REPORT_COUNT).gt(0);
                time = PostFields.LAST_REPORTED_AT;
            }
            default -> {
                criteria.and(PostFields.LAST_REPORTED_AT).exists(true).and(PostFields.REPORT_COUNT).gt(0);
                time = PostFields.LAST_REPORTED_AT;
            }
        }
        Query query = KeysetPaging.after(new Query(criteria), cursor, time, Sort.Direction.DESC, limit);
        return KeysetPaging.page(mongo.find(query, Post.class), limit, Moderation::view,
                state == ListState.HIDDEN ? Post::hiddenAt : Post::lastReportedAt, Post::id);
    }

    private static ReportedPostView view(Post post) {
        List<ReportedPostView.ReportView> reports = post.reports() == null ? List.of() : post.reports().stream()
                .map(r -> new ReportedPostView.ReportView(r.reportId(), r.reporterId(), r.reason(), r.at()))
                .toList();
        return new ReportedPostView(post.id(), post.channelSlug(), post.title(), PlainText.excerpt(post.body()),
                post.author().view(), post.hidden(),
                post.hidden() && post.hiddenNote() != null ? post.hiddenNote() : post.hiddenReason(),
                post.hiddenAt(), post.reportCount(),
                post.openReportCount(), reports, post.lastReportedAt());
    }
}
