package jp.kyoso.posts.channel;

import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The channel list's order (oldest first, then the slug); the channels without a post count yet in the same order, for
 * their one-time count at start ({@link ChannelPostCounts#countUncounted}: equality on {@code postCountAsOf: null},
 * then the sort). Every other channel query is by its id, the slug. The count of a channel's visible posts reads
 * feed_channel.
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
        Indexes.create(mongo, "channels", "uncounted", new Document(ChannelPostCounts.AS_OF, 1)
                .append("createdAt", 1).append("_id", 1));
    }
}
