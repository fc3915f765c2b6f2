package jp.kyoso.posts.feed;

import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The indexes the feed ({@link Feed}) reads by: the visible posts (deleted and hidden false: equality) of one filter,
 * then the feed's order, newest first and then the id, so a page is read in index order up to its limit and the
 * cursor's range (createdAt, _id) starts where the last page ended. A combination of filters reads the index of its
 * most selective one (the author's, the tag's, the channel's, the kind's) and checks the others on the documents.
 * The towns have theirs in town.TownIndexes.
 */
@Component
class FeedIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    FeedIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        feed(null, "feed");
        feed(PostFields.CHANNEL, "feed_channel");
        feed(PostFields.KIND, "feed_kind");
        feed(PostFields.TAGS, "feed_tag");
        feed(PostFields.AUTHOR_ID, "feed_author");
    }

    private void feed(String filter, String name) {
        Document keys = new Document();
        if (filter != null) {
            keys.append(filter, 1);
        }
        keys.append(PostFields.DELETED, 1).append(PostFields.HIDDEN, 1).append(PostFields.CREATED_AT, -1)
                .append(PostFields.ID, -1);
        Indexes.create(mongo, "posts", name, keys);
    }
}
