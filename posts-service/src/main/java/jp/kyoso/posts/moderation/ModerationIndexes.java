package jp.kyoso.posts.moderation;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The moderators' lists ({@link Moderation#reportedPosts}): reported posts by their last report and hidden posts by
 * the time of hiding, newest first, each an index of those few posts only (partial). The decision history reads the
 * posts that have decisions (sparse: the others have no such field).
 */
@Component
class ModerationIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    ModerationIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.createPartial(mongo, "posts", "reported", new Document(PostFields.DELETED, 1)
                        .append(PostFields.LAST_REPORTED_AT, -1).append(PostFields.ID, -1),
                new Document(PostFields.REPORT_COUNT, new Document("$gt", 0)));
        Indexes.createPartial(mongo, "posts", "hidden", new Document(PostFields.DELETED, 1)
                        .append(PostFields.HIDDEN_AT, -1).append(PostFields.ID, -1),
                new Document(PostFields.HIDDEN, true));
        Indexes.createPartial(mongo, "posts", "decisions_at", new Document(PostFields.DECISIONS + ".at", -1),
                new Document(PostFields.DECISIONS + ".at", new Document("$exists", true)));
    }
}
