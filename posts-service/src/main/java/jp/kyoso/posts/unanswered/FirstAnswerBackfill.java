package jp.kyoso.posts.unanswered;

import java.util.Date;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Questions answered before posts carried {@code firstAnswerAt} get it from their replies at start. Only questions
 * with replies and no first answer are looked at (after the first start: those whose only replies are the author's),
 * and the update is a {@code $min}, so a reply written meanwhile is never overwritten by a later time.
 */
@Component
class FirstAnswerBackfill {
    private static final Logger log = LoggerFactory.getLogger(FirstAnswerBackfill.class);

    private final MongoTemplate mongo;

    FirstAnswerBackfill(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        Query questions = Query.query(Criteria.where(PostFields.KIND).is(PostKind.QUESTION.name())
                .and(PostFields.REPLY_COUNT).gt(0).and(PostFields.FIRST_ANSWER_AT).is(null));
        questions.fields().include(PostFields.ID).include(PostFields.AUTHOR_ID);
        int filled = 0;
        for (Document question : mongo.find(questions, Document.class, "posts")) {
            String postId = question.getString(PostFields.ID);
            Document author = question.get("author", Document.class);
            String authorId = author == null ? null : author.getString("memberId");
            Query firstAnswer = Query.query(Criteria.where("postId").is(postId).and("author.memberId").ne(authorId))
                    .with(Sort.by(Sort.Direction.ASC, "createdAt")).limit(1);
            Document reply = mongo.findOne(firstAnswer, Document.class, "replies");
            Date at = reply == null ? null : reply.getDate("createdAt");
            if (at != null) {
                mongo.updateFirst(Query.query(Criteria.where(PostFields.ID).is(postId)),
                        new Update().min(PostFields.FIRST_ANSWER_AT, at), "posts");
                filled++;
            }
        }
        if (filled > 0) {
            log.info("Set the first answer time of {} questions answered before it was recorded", filled);
        }
    }
}
