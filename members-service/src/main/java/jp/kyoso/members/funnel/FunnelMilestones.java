package jp.kyoso.members.funnel;

import java.time.Instant;
import java.util.Set;
import jp.kyoso.members.member.Member;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each member's activation milestones (the {@code funnel} sub-document of their member document) from the posts
 * events. A milestone keeps its earliest time ({@link EarliestTimes}, one {@code $min} update per member and event);
 * attending a session is a plain {@code $set} of {@code true}: a redelivered, duplicated or out-of-order event leaves
 * the same result.
 */
@Component
public class FunnelMilestones {
    static final String INTRODUCED = "funnel.firstIntroductionAt";
    static final String ASKED_OR_PROPOSED = "funnel.firstQuestionOrIdeaAt";
    static final String REPLIED_TO_OTHERS = "funnel.firstReplyToOthersAt";
    static final String RECEIVED_REPLY = "funnel.firstReplyReceivedAt";
    static final String FIRST_POST = "funnel.firstPostAt";
    static final String ATTENDED_SESSION = "funnel.attendedSession";

    private static final Set<String> QUESTION_KINDS = Set.of("QUESTION", "IDEA", "ISSUE");
    // Sessions and announcements are the managers' posts, not a newcomer finding their voice.
    private static final Set<String> NOT_A_FIRST_POST = Set.of("SESSION", "ANNOUNCEMENT");

    private final MongoTemplate mongo;

    FunnelMilestones(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The milestones of a {@code PostPublished.v1}. */
    public void postPublished(EarliestTimes.Lowering lowering, String authorId, String kind, Instant at) {
        if ("INTRODUCTION".equals(kind)) {
            lowering.lower(authorId, INTRODUCED, at);
        }
        // Set.of(...).contains(null) throws: an event without a kind (older producers) is a plain first post
        if (kind != null && QUESTION_KINDS.contains(kind)) {
            lowering.lower(authorId, ASKED_OR_PROPOSED, at);
        }
        if (kind == null || !NOT_A_FIRST_POST.contains(kind)) {
            lowering.lower(authorId, FIRST_POST, at);
        }
    }

    /** The milestones of a {@code ReplyAdded.v1}: for the one who replied and, if it is someone else, the author. */
    public void replyAdded(EarliestTimes.Lowering lowering, String authorId, String postAuthorId, Instant at) {
        lowering.lower(authorId, FIRST_POST, at);
        if (postAuthorId != null && !postAuthorId.isBlank() && !postAuthorId.equals(authorId)) {
            lowering.lower(authorId, REPLIED_TO_OTHERS, at);
            lowering.lower(postAuthorId, RECEIVED_REPLY, at);
        }
    }

    /**
     * Applies a {@code SessionAttendanceMarked.v1} with {@code attended=true}. "Attended a session" stays true once
     * it is, as the contract defines it: a later correction of one session does not undo having attended.
     */
    public void attended(String memberId) {
        mongo.updateFirst(byId(memberId), new Update().set(ATTENDED_SESSION, true), Member.class);
    }

    private static Query byId(String memberId) {
        return Query.query(Criteria.where("_id").is(memberId));
    }
}
