package jp.kyoso.members.funnel;

import java.time.Instant;
import java.util.Set;
import jp.kyoso.members.member.Member;
import jp.kyoso.platform.consumer.InboundEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each member's activation milestones (the {@code funnel} sub-document of their member document) from the posts
 * events. Every effect is one single-document update with {@code $min} (a milestone keeps its earliest time) or a
 * plain {@code $set} of {@code true}, so a redelivered, duplicated or out-of-order event leaves the same result.
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

    /** Applies a {@code PostPublished.v1}. */
    public void postPublished(String authorId, String kind, Instant at) {
        Update update = new Update();
        if ("INTRODUCTION".equals(kind)) {
            update.min(INTRODUCED, at);
        }
        if (QUESTION_KINDS.contains(kind)) {
            update.min(ASKED_OR_PROPOSED, at);
        }
        if (!NOT_A_FIRST_POST.contains(kind)) {
            update.min(FIRST_POST, at);
        }
        if (!update.getUpdateObject().isEmpty()) {
            mongo.updateFirst(byId(authorId), update, Member.class);
        }
    }

    /** Applies a {@code ReplyAdded.v1}: a milestone for the one who replied and, if it is someone else, the author. */
    public void replyAdded(String authorId, String postAuthorId, Instant at) {
        boolean toSomeoneElse = postAuthorId != null && !postAuthorId.isBlank() && !postAuthorId.equals(authorId);
        Update replier = new Update().min(FIRST_POST, at);
        if (toSomeoneElse) {
            replier.min(REPLIED_TO_OTHERS, at);
        }
        mongo.updateFirst(byId(authorId), replier, Member.class);
        if (toSomeoneElse) {
            mongo.updateFirst(byId(postAuthorId), new Update().min(RECEIVED_REPLY, at), Member.class);
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
