package jp.kyoso.posts.reply;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * A thread's replies, oldest first and then the id (the list's order and cursor; also the first answer of a question
 * and the replies to a set of questions). And the few posts with replies still pending ({@link PendingReplies}):
 * partial, so the recovery reads them without reading the posts.
 */
@Component
class ReplyIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    ReplyIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.create(mongo, "replies", "post_created", new Document("postId", 1).append("createdAt", 1)
                .append("_id", 1));
        Indexes.createPartial(mongo, "posts", "pending_replies", new Document(PendingReplies.PENDING_ID, 1),
                new Document(PendingReplies.PENDING_ID, new Document("$exists", true)));
    }
}
