package jp.kyoso.posts.events;

import java.time.Instant;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.posts.shared.EventJson;

/**
 * The events of {@code kyoso.posts.v1}, exactly as docs/events.md describes them. Every event is keyed by its
 * aggregate (the post, or the channel for the Channel* events) so that one post's events stay in order.
 */
public final class PostsEvents {
    public static final String TOPIC = "kyoso.posts.v1";
    private static final String PREFIX = "kyoso.posts.";
    private static final String VERSION = ".v1";

    public static final String CHANNEL_CREATED = type("ChannelCreated");
    public static final String POST_PUBLISHED = type("PostPublished");
    public static final String POST_EDITED = type("PostEdited");
    public static final String POST_DELETED = type("PostDeleted");
    public static final String POST_HIDDEN = type("PostHidden");
    public static final String REPLY_ADDED = type("ReplyAdded");
    public static final String REACTION_ADDED = type("ReactionAdded");
    public static final String REPORT_FILED = type("ReportFiled");
    public static final String CHANNEL_ARCHIVED = type("ChannelArchived");
    public static final String CHANNEL_UPDATED = type("ChannelUpdated");
    public static final String SESSION_SCHEDULED = type("SessionScheduled");
    public static final String SESSION_RSVP_CHANGED = type("SessionRsvpChanged");
    public static final String SESSION_ATTENDANCE_MARKED = type("SessionAttendanceMarked");
    public static final String QUESTION_SOLVED = type("QuestionSolved");
    public static final String QUESTION_REOPENED = type("QuestionReopened");
    public static final String POST_FLAGGED_OUTDATED = type("PostFlaggedOutdated");
    public static final String POST_OUTDATED_CONFIRMED = type("PostOutdatedConfirmed");
    public static final String POST_OUTDATED_CLEARED = type("PostOutdatedCleared");

    private PostsEvents() {
    }

    private static String type(String name) {
        return PREFIX + name + VERSION;
    }

    private static PendingEvent event(String key, String type, Instant at, EventJson data) {
        return new PendingEvent(java.util.UUID.randomUUID().toString(), TOPIC, key, type, key, at, data.toJson());
    }

    public static PendingEvent channelCreated(String channelId, String slug, String name, String description,
                                              String postingPolicy, String createdBy, Instant createdAt) {
        return event(channelId, CHANNEL_CREATED, createdAt, EventJson.object().put("channelId", channelId)
                .put("slug", slug).put("name", name).put("description", description)
                .put("postingPolicy", postingPolicy).put("createdBy", createdBy).put("createdAt", createdAt));
    }

    public static PendingEvent postPublished(String postId, String channelSlug, String kind, String title,
                                             String excerpt, List<String> tags, String authorId,
                                             List<String> mentionedMemberIds, Instant createdAt) {
        return event(postId, POST_PUBLISHED, createdAt, postPublishedData(postId, channelSlug, kind, title, excerpt,
                tags, authorId, mentionedMemberIds, createdAt));
    }

    private static EventJson postPublishedData(String postId, String channelSlug, String kind, String title,
                                               String excerpt, List<String> tags, String authorId,
                                               List<String> mentionedMemberIds, Instant createdAt) {
        return EventJson.object().put("postId", postId).put("channelSlug", channelSlug).put("kind", kind)
                .put("title", title).put("excerpt", excerpt).put("tags", tags).put("authorId", authorId)
                .put("mentionedMemberIds", mentionedMemberIds).put("createdAt", createdAt);
    }

    /**
     * A post brought in from another platform's history ({@code imports}): the same event with {@code imported: true},
     * so that consumers keep their views (search, counts, who watches the thread) but tell no one of it as news. The
     * event happened when it was imported (its time), the post when it was written there ({@code createdAt}).
     */
    public static PendingEvent importedPostPublished(String postId, String channelSlug, String kind, String title,
                                                     String excerpt, List<String> tags, String authorId,
                                                     List<String> mentionedMemberIds, Instant createdAt,
                                                     Instant importedAt) {
        return event(postId, POST_PUBLISHED, importedAt, postPublishedData(postId, channelSlug, kind, title, excerpt,
                tags, authorId, mentionedMemberIds, createdAt).put("imported", true));
    }

    /** @param newlyMentionedMemberIds only the members this edit mentions for the first time */
    public static PendingEvent postEdited(String postId, String channelSlug, String title, String excerpt,
                                          List<String> tags, String editorId, String authorId,
                                          List<String> newlyMentionedMemberIds, Instant editedAt) {
        return event(postId, POST_EDITED, editedAt, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("excerpt", excerpt).put("tags", tags)
                .put("editorId", editorId).put("authorId", authorId)
                .put("mentionedMemberIds", newlyMentionedMemberIds).put("editedAt", editedAt));
    }

    public static PendingEvent postDeleted(String postId, String channelSlug, String deletedBy, Instant deletedAt) {
        return event(postId, POST_DELETED, deletedAt, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("deletedBy", deletedBy).put("deletedAt", deletedAt));
    }

    /**
     * @param reason       "REPORTS" or "MODERATOR"
     * @param note         the moderator's reason in their words, or null (then the field is null)
     * @param postAuthorId who wrote the post, so that notifications-service can tell them (additive field)
     * @param postTitle    the post's title (additive field)
     * @param visibilityChanged whether the post went from shown to hidden or back (additive field); false when a
     *                     moderator hides an already hidden post with a reason, so that the channel's post count
     *                     (channel.ChannelPostCounts) changes once per change
     */
    public static PendingEvent postHidden(String postId, String channelSlug, boolean hidden, String reason, String note,
                                          String by, Instant at, String postAuthorId, String postTitle,
                                          boolean visibilityChanged) {
        return event(postId, POST_HIDDEN, at, EventJson.object().put("postId", postId).put("channelSlug", channelSlug)
                .put("hidden", hidden).put("reason", reason).put("note", note).put("by", by).put("at", at)
                .put("postAuthorId", postAuthorId).put("postTitle", postTitle)
                .put("visibilityChanged", visibilityChanged));
    }

    /** A moderator archived a channel ({@code archived: true}) or took it out of the archive ({@code false}). */
    public static PendingEvent channelArchived(String channelId, String slug, boolean archived, String by, Instant at) {
        return event(channelId, CHANNEL_ARCHIVED, at, EventJson.object().put("channelId", channelId).put("slug", slug)
                .put("archived", archived).put("by", by).put("at", at));
    }

    /**
     * A moderator changed a channel's name, description or posting policy: the values after the change, so that a
     * consumer can overwrite its copy (idempotent), and which of them changed.
     *
     * @param changedFields some of "name", "description", "postingPolicy", never empty
     */
    public static PendingEvent channelUpdated(String channelId, String slug, String name, String description,
                                              String postingPolicy, List<String> changedFields, String updatedBy,
                                              Instant updatedAt) {
        return event(channelId, CHANNEL_UPDATED, updatedAt, EventJson.object().put("channelId", channelId)
                .put("slug", slug).put("name", name).put("description", description)
                .put("postingPolicy", postingPolicy).put("changedFields", changedFields).put("updatedBy", updatedBy)
                .put("updatedAt", updatedAt));
    }

    /**
     * A reply was chosen as the answer of a question (解決済み). Choosing another reply later is a new QuestionSolved
     * that replaces the answer; choosing the same one again writes nothing.
     *
     * @param chosenBy the question's author or a moderator
     */
    public static PendingEvent questionSolved(String postId, String channelSlug, String title,
                                              String questionAuthorId, String replyId, String replyAuthorId,
                                              String chosenBy, Instant chosenAt) {
        return event(postId, QUESTION_SOLVED, chosenAt, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("questionAuthorId", questionAuthorId)
                .put("replyId", replyId).put("replyAuthorId", replyAuthorId).put("chosenBy", chosenBy)
                .put("chosenAt", chosenAt));
    }

    /** The answer was taken back: the question is unsolved again. {@code replyId} is the answer it had. */
    public static PendingEvent questionReopened(String postId, String replyId, String by, Instant at) {
        return event(postId, QUESTION_REOPENED, at, EventJson.object().put("postId", postId).put("replyId", replyId)
                .put("by", by).put("at", at));
    }

    /**
     * A member flagged the post as possibly out of date (要確認).
     *
     * @param link           where the newer law or notice is, or null
     * @param firstOpenFlag  whether the post had no open flag before this one: its author and watchers hear of the
     *                       first flag only, until a moderator clears the flags
     */
    public static PendingEvent postFlaggedOutdated(String postId, String channelSlug, String title,
                                                   String postAuthorId, String flagId, String flaggedBy,
                                                   String reason, String link, Instant at, boolean firstOpenFlag) {
        return event(postId, POST_FLAGGED_OUTDATED, at, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("postAuthorId", postAuthorId)
                .put("flagId", flagId).put("flaggedBy", flaggedBy).put("reason", reason).put("link", link)
                .put("at", at).put("firstOpenFlag", firstOpenFlag));
    }

    /** A moderator confirmed that the flagged post is out of date: the banner stays, marked 確認済み. */
    public static PendingEvent postOutdatedConfirmed(String postId, String channelSlug, String title,
                                                     String postAuthorId, String by, String note, int openFlags,
                                                     Instant at) {
        return event(postId, POST_OUTDATED_CONFIRMED, at, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("postAuthorId", postAuthorId)
                .put("by", by).put("note", note).put("openFlags", openFlags).put("at", at));
    }

    /** A moderator cleared the post's open flags: no banner any more; a new flag starts over. */
    public static PendingEvent postOutdatedCleared(String postId, String channelSlug, String title,
                                                   String postAuthorId, String by, String note, int clearedFlags,
                                                   Instant at) {
        return event(postId, POST_OUTDATED_CLEARED, at, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("postAuthorId", postAuthorId)
                .put("by", by).put("note", note).put("clearedFlags", clearedFlags).put("at", at));
    }

    public static PendingEvent replyAdded(String postId, String replyId, String channelSlug, String postTitle,
                                          String postAuthorId, String authorId, String excerpt,
                                          List<String> mentionedMemberIds, Instant createdAt) {
        return event(postId, REPLY_ADDED, createdAt, replyAddedData(postId, replyId, channelSlug, postTitle,
                postAuthorId, authorId, excerpt, mentionedMemberIds, createdAt));
    }

    private static EventJson replyAddedData(String postId, String replyId, String channelSlug, String postTitle,
                                            String postAuthorId, String authorId, String excerpt,
                                            List<String> mentionedMemberIds, Instant createdAt) {
        return EventJson.object().put("postId", postId).put("replyId", replyId).put("channelSlug", channelSlug)
                .put("postTitle", postTitle).put("postAuthorId", postAuthorId).put("authorId", authorId)
                .put("excerpt", excerpt).put("mentionedMemberIds", mentionedMemberIds).put("createdAt", createdAt);
    }

    /** A reply brought in with its imported thread: see {@link #importedPostPublished}. */
    public static PendingEvent importedReplyAdded(String postId, String replyId, String channelSlug,
                                                  String postTitle, String postAuthorId, String authorId,
                                                  String excerpt, List<String> mentionedMemberIds,
                                                  Instant createdAt, Instant importedAt) {
        return event(postId, REPLY_ADDED, importedAt, replyAddedData(postId, replyId, channelSlug, postTitle,
                postAuthorId, authorId, excerpt, mentionedMemberIds, createdAt).put("imported", true));
    }

    public static PendingEvent reactionAdded(String postId, String channelSlug, String postTitle, String postAuthorId,
                                             String memberId, String emoji, Instant at) {
        return event(postId, REACTION_ADDED, at, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("postTitle", postTitle).put("postAuthorId", postAuthorId)
                .put("memberId", memberId).put("emoji", emoji).put("at", at));
    }

    public static PendingEvent reportFiled(String postId, String reportId, String channelSlug, String postTitle,
                                           String reporterId, String reason, int reportCount, Instant at) {
        return event(postId, REPORT_FILED, at, EventJson.object().put("postId", postId).put("reportId", reportId)
                .put("channelSlug", channelSlug).put("postTitle", postTitle).put("reporterId", reporterId)
                .put("reason", reason).put("reportCount", reportCount).put("at", at));
    }

    /** On publishing a session and on every change of what it carries; consumers keep the latest by {@code at}. */
    public static PendingEvent sessionScheduled(String postId, String channelSlug, String title, Instant startsAt,
                                                Instant endsAt, String place, String onlineUrl, String prefecture,
                                                int capacity, String authorId, Instant at) {
        return event(postId, SESSION_SCHEDULED, at, EventJson.object().put("postId", postId)
                .put("channelSlug", channelSlug).put("title", title).put("startsAt", startsAt)
                .put("endsAt", endsAt).put("place", place).put("onlineUrl", onlineUrl).put("prefecture", prefecture)
                .put("capacity", capacity).put("authorId", authorId).put("at", at));
    }

    /** @param status "GOING", "WAITLISTED" or "CANCELLED"; a promotion from the waitlist is GOING */
    public static PendingEvent sessionRsvpChanged(String postId, String memberId, String status, Instant at) {
        return event(postId, SESSION_RSVP_CHANGED, at, EventJson.object().put("postId", postId)
                .put("memberId", memberId).put("status", status).put("at", at));
    }

    public static PendingEvent sessionAttendanceMarked(String postId, String memberId, boolean attended, String by,
                                                       Instant at) {
        return event(postId, SESSION_ATTENDANCE_MARKED, at, EventJson.object().put("postId", postId)
                .put("memberId", memberId).put("attended", attended).put("by", by).put("at", at));
    }
}
