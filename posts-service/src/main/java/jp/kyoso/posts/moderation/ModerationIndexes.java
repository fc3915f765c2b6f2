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
 *
 * <p>The reported posts' index is partial on {@code lastReportedAt} existing (every report sets it, with
 * {@code reportCount}), and the lists say so in their filter. It replaces {@code reported}, partial on
 * {@code reportCount > 0}: MongoDB uses that one for {@code reportCount > 0} too, but the embedded server's planner
 * only matches {@code $exists} and equality partial filters, so the tests' strict mode refused the lists. An index's
 * filter cannot change under the same name, hence the new name and the drop of the old one.
 */
@Component
class ModerationIndexes implements InitializingBean {
    private final MongoTemplate mongo;

    ModerationIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        Indexes.createPartial(mongo, "posts", "reported_at", new Document(PostFields.DELETED, 1)
                        .append(PostFields.LAST_REPORTED_AT, -1).append(PostFields.ID, -1),
                new Document(PostFields.LAST_REPORTED_AT, new Document("$exists", true)));
        Indexes.dropIfPresent(mongo, "posts", "reported");
        Indexes.createPartial(mongo, "posts", "hidden", new Document(PostFields.DELETED, 1)
                        .append(PostFields.HIDDEN_AT, -1).append(PostFields.ID, -1),
                new Document(PostFields.HIDDEN, true));
        Indexes.createPartial(mongo, "posts", "decisions_at", new Document(PostFields.DECISIONS + ".at", -1),
                new Document(PostFields.DECISIONS + ".at", new Document("$exists", true)));
    }
}
