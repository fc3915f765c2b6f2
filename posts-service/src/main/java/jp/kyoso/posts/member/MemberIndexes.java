package jp.kyoso.posts.member;

import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The member projection by handle (mentions resolve {@code @handle}); every other member query is by id. A member's
 * posts and replies (the author snapshots, the code catch-up) read handover's author_created, chosen answers town's
 * answer_author.
 */
@Component
class MemberIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    MemberIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.create(mongo, "members", "handle", new Document("handle", 1));
    }
}
