package jp.kyoso.posts.member;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Keeps the author shown on every post and reply of a member in step with the member's profile. */
@Service
public class AuthorSnapshots {
    static final String[] COLLECTIONS = {"posts", "replies"};
    /** The snapshot of a chosen answer's author in its question (post.ChosenAnswer). */
    private static final String ANSWER_AUTHOR = "answer.author";
    /**
     * The organization when a post or reply was written (post.Post, reply.Reply): a profile update never touches it,
     * only the erasure does.
     */
    private static final String ORGANIZATION_AT_POSTING = "organizationAtPosting";

    private final MongoTemplate mongo;

    public AuthorSnapshots(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A profile change: every post and reply of the member shows the new name and organization. */
    public void update(Author author) {
        Query query = Query.query(Criteria.where("author.memberId").is(author.memberId()).and("author.former").ne(true));
        Update update = new Update().set("author.displayName", author.displayName())
                .set("author.organization", author.organization());
        for (String collection : COLLECTIONS) {
            mongo.updateMulti(query, update, collection);
        }
        // a question shows its chosen answer's author too
        mongo.updateMulti(Query.query(Criteria.where(ANSWER_AUTHOR + ".memberId").is(author.memberId())
                        .and(ANSWER_AUTHOR + ".former").ne(true)),
                new Update().set(ANSWER_AUTHOR + ".displayName", author.displayName())
                        .set(ANSWER_AUTHOR + ".organization", author.organization()), "posts");
    }

    /**
     * The member left: their posts stay, shown as a former member, without their name or organization (the one at
     * posting and its code included, in their chosen answers too: their questions and answers no longer count for
     * their town).
     */
    public void erase(String memberId) {
        Query query = Query.query(Criteria.where("author.memberId").is(memberId));
        Update update = new Update().set("author.displayName", Author.FORMER_MEMBER_NAME)
                .set("author.organization", null).set("author.former", true).unset(ORGANIZATION_AT_POSTING)
                .unset(OrganizationCodesAtPosting.FIELD);
        for (String collection : COLLECTIONS) {
            mongo.updateMulti(query, update, collection);
        }
        mongo.updateMulti(Query.query(Criteria.where(ANSWER_AUTHOR + ".memberId").is(memberId)),
                new Update().set(ANSWER_AUTHOR + ".displayName", Author.FORMER_MEMBER_NAME)
                        .set(ANSWER_AUTHOR + ".organization", null).set(ANSWER_AUTHOR + ".former", true)
                        .unset("answer." + OrganizationCodesAtPosting.FIELD), "posts");
    }
}
