package jp.kyoso.posts.channel;

import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The channel list's order (oldest first, then the slug), which the one-time count of uncounted channels walks too.
 * Every other channel query is by its id, the slug. The count of a channel's visible posts reads feed_channel.
 */
@Component
class ChannelIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    ChannelIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.create(mongo, "channels", "created", new Document("createdAt", 1).append("_id", 1));
    }
}
