package jp.kyoso.posts.session;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The study sessions list ({@link SessionList}): visible sessions (equality), by start time and id (upcoming reads it
 * forwards, past backwards), then the end time that splits upcoming from past (a range, checked in the index).
 */
@Component
class SessionIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    SessionIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.create(mongo, "posts", "sessions", new Document(PostFields.KIND, 1).append(PostFields.DELETED, 1)
                .append(PostFields.HIDDEN, 1).append(SessionFields.STARTS_AT, 1).append(PostFields.ID, 1)
                .append(SessionFields.ENDS_AT, 1));
    }
}
