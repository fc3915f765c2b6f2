package jp.kyoso.posts.post;

/** Field names of the posts collection, for queries and targeted updates. */
public final class PostFields {
    public static final String ID = "_id";
    public static final String CHANNEL = "channelSlug";
    public static final String KIND = "kind";
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String TAGS = "tags";
    public static final String AUTHOR_ID = "author.memberId";
    public static final String CREATED_AT = "createdAt";
    public static final String EDITED_AT = "editedAt";
    public static final String EDITED_BY = "editedBy";
    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    public static final String REPLY_COUNT = "replyCount";
    public static final String REACTIONS = "reactions";
    public static final String MENTIONED = "mentionedMemberIds";
    public static final String REVISIONS = "revisions";
    public static final String DELETED = "deleted";
    public static final String DELETED_AT = "deletedAt";
    public static final String DELETED_BY = "deletedBy";
    /** When the retention purge erased the body of the deleted post (DeletedPostPurge); absent until then. */
    public static final String BODY_ERASED_AT = "bodyErasedAt";
    public static final String HIDDEN = "hidden";
    public static final String HIDDEN_REASON = "hiddenReason";
    /** When the post was last hidden (by reports or a moderator); null while it is shown. */
    public static final String HIDDEN_AT = "hiddenAt";
    /** The moderator's reason for hiding the post, when given; null otherwise (and while it is shown). */
    public static final String HIDDEN_NOTE = "hiddenNote";
    /** Every moderation decision on the post (ModerationDecision), appended in the update that makes it. */
    public static final String DECISIONS = "decisions";
    public static final String REPORTS = "reports";
    public static final String REPORT_COUNT = "reportCount";
    public static final String REVIEWED_REPORT_COUNT = "reviewedReportCount";
    /** reportCount - reviewedReportCount, stored so that the moderators' open list is a plain query. */
    public static final String OPEN_REPORT_COUNT = "openReportCount";
    public static final String LAST_REPORTED_AT = "lastReportedAt";
    public static final String VERSION = "version";
    /**
     * When someone other than the author first replied (a question's first answer); absent while nobody has. Set with
     * {@code $min} in the reply's own update, so the unanswered list and the answer times are plain queries.
     */
    public static final String FIRST_ANSWER_AT = "firstAnswerAt";
    /** The chosen answer of a question (ChosenAnswer); absent or null while the question is unsolved. */
    public static final String ANSWER = "answer";
    public static final String ANSWER_REPLY_ID = "answer.replyId";
    /** What the title and body cite (citation.Citation), replaced on every edit of them. */
    public static final String CITATIONS = "citations";
    /** The 要確認 flags and their review (OutdatedReview); absent until the first flag. */
    public static final String OUTDATED = "outdated";
    public static final String OUTDATED_STATUS = "outdated.status";
    public static final String OUTDATED_REVISION = "outdated.revision";
    public static final String OUTDATED_LAST_FLAGGED_AT = "outdated.lastFlaggedAt";
    /** The 全国地方公共団体コード of the author's organization when the post was written (Post); absent when unknown. */
    public static final String ORGANIZATION_CODE_AT_POSTING = "organizationCodeAtPosting";
    /** The same code of the chosen answer's reply (ChosenAnswer): the town the question was solved from. */
    public static final String ANSWER_ORGANIZATION_CODE_AT_POSTING = "answer.organizationCodeAtPosting";
    public static final String ANSWER_AUTHOR_ID = "answer.author.memberId";
    /** The posts' collection (also where their outbox is). */
    public static final String COLLECTION = "posts";
    /** Replies accepted with their ReplyAdded event and not yet copied to the replies collection. */
    public static final String PENDING_REPLIES = "pendingReplies";
    /**
     * The ids of the replies written with an Idempotency-Key (their ids come from the key), added in the reply's own
     * update, which matches only while the id is not there yet: a retried reply is counted and announced once.
     */
    public static final String KEYED_REPLY_IDS = "keyedReplyIds";

    private PostFields() {
    }
}
