package jp.kyoso.posts.member;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The 全国地方公共団体コード of the author's organization when a post or reply was written
 * ({@code organizationCodeAtPosting}, beside {@code organizationAtPosting}), and of the chosen answer's author in a
 * question ({@code answer.organizationCodeAtPosting}): what 「同じような町」 filters by (town.OrganizationCodes).
 *
 * <p>New posts and replies are stamped when they are written, from the member projection. But the projection learns
 * a member's code only from their next MemberRegistered or MemberProfileUpdated, so posts written before that (and
 * before the code was kept at all) have none; a one-time backfill at start would find no codes to copy. So each time
 * the projection learns a member's code, their posts and replies without one are caught up, when they were written
 * under the organization the member has now (same {@code organizationAtPosting}): written in that organization, they
 * were written in that town. Posts written elsewhere (the member has moved since) or before
 * {@code organizationAtPosting} existed stay without a code. Every step matches only what has no code yet, so an
 * event applied twice changes nothing the second time.
 */
@Service
public class OrganizationCodesAtPosting {
    public static final String FIELD = "organizationCodeAtPosting";
    private static final String ANSWER_FIELD = "answer." + FIELD;
    private static final String ORGANIZATION_AT_POSTING = "organizationAtPosting";

    private final MongoTemplate mongo;

    public OrganizationCodesAtPosting(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The projection now knows the member's organization and its code: stamp what was written there without one. */
    void catchUp(String memberId, String organization, String organizationCode) {
        if (organization == null || organizationCode == null) {
            return;
        }
        Query unstamped = Query.query(Criteria.where("author.memberId").is(memberId).and("author.former").ne(true)
                .and(ORGANIZATION_AT_POSTING).is(organization).and(FIELD).exists(false));
        Update stamp = new Update().set(FIELD, organizationCode);
        for (String collection : AuthorSnapshots.COLLECTIONS) {
            mongo.updateMulti(unstamped, stamp, collection);
        }
        // a chosen answer takes the code of its reply, whenever that reply got it (just now or when written)
        Query answers = Query.query(Criteria.where("answer.author.memberId").is(memberId)
                .and("answer.author.former").ne(true).and(ANSWER_FIELD).exists(false));
        answers.fields().include("answer.replyId");
        for (Document question : mongo.find(answers, Document.class, "posts")) {
            Document answer = question.get("answer", Document.class);
            String replyId = answer == null ? null : answer.getString("replyId");
            Document reply = replyId == null ? null : mongo.findById(replyId, Document.class, "replies");
            String code = reply == null ? null : reply.getString(FIELD);
            if (code != null) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(question.get("_id"))
                                .and("answer.replyId").is(replyId).and(ANSWER_FIELD).exists(false)),
                        new Update().set(ANSWER_FIELD, code), "posts");
            }
        }
    }
}
