package jp.kyoso.posts.unanswered;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The unanswered questions (kind, no first answer, visible: equality; then oldest first and the id; the age is a range
 * on the same key), which the first-answer backfill reads by its prefix; the questions of the last weeks for the
 * answer times.
 */
@Component
class UnansweredIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    UnansweredIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.create(mongo, "posts", "unanswered", new Document(PostFields.KIND, 1)
                .append(PostFields.FIRST_ANSWER_AT, 1).append(PostFields.DELETED, 1).append(PostFields.HIDDEN, 1)
                .append(PostFields.CREATED_AT, 1).append(PostFields.ID, 1));
        Indexes.create(mongo, "posts", "kind_created", new Document(PostFields.KIND, 1)
                .append(PostFields.DELETED, 1).append(PostFields.CREATED_AT, 1));
    }
}
