package jp.kyoso.posts.outdated;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The moderators' list of 要確認 posts ({@link OutdatedFlags#list}): by state, newest flag first; only the posts ever
 * flagged are in it (partial).
 */
@Component
class OutdatedIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    OutdatedIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.createPartial(mongo, "posts", "outdated_flagged", new Document(PostFields.OUTDATED_STATUS, 1)
                        .append(PostFields.DELETED, 1).append(PostFields.OUTDATED_LAST_FLAGGED_AT, -1)
                        .append(PostFields.ID, -1),
                new Document(PostFields.OUTDATED_STATUS, new Document("$exists", true)));
    }
}
