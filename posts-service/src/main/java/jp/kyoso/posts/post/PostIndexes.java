package jp.kyoso.posts.post;

import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Every other query of this package is by the post's id. The deleted posts whose body is still there, by deletion
 * time, for {@link DeletedPostPurge}: partial, only deleted posts are in it.
 */
@Component
class PostIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    PostIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.createPartial(mongo, "posts", "deleted_purge", new Document(PostFields.DELETED, 1)
                        .append(PostFields.BODY_ERASED_AT, 1).append(PostFields.DELETED_AT, 1),
                new Document(PostFields.DELETED, true));
    }
}
