package jp.kyoso.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Subscriptions of the earlier shape (one document per target with arrays of every member) become one document per
 * member and target at start, once: running the migration again changes nothing, and a level set in the new shape
 * meanwhile wins.
 */
class SubscriptionShapeMigrationTest extends NotificationsTestBase {
    @Autowired
    SubscriptionShapeMigration migration;
    @Autowired
    SubscriptionStore store;

    @Test
    void theOldShapeBecomesOneDocumentPerMemberAndTargetOnceAndKeepsEveryLevel() {
        String channel = SubscriptionStore.channelKey(unique("c"));
        String post = SubscriptionStore.postKey(unique("p"));
        String a = unique("m");
        String b = unique("m");
        String c = unique("m");
        mongo.insert(new Document("_id", channel).append("watching", List.of(a, b)).append("muted", List.of(c)),
                "subscriptions");
        mongo.insert(new Document("_id", post).append("watching", List.of(a)).append("muted", List.of(b)),
                "subscriptions");
        // a change made in the new shape by an instance that already runs the new version, before this start
        store.set(post, a, WatchLevel.MUTED);

        migration.run();

        assertThat(mongo.exists(Query.query(Criteria.where("_id").in(channel, post)), "subscriptions")).isFalse();
        Watchers onChannel = store.get(channel);
        assertThat(onChannel.watching()).isEqualTo(Set.of(a, b));
        assertThat(onChannel.muted()).isEqualTo(Set.of(c));
        Watchers onPost = store.get(post);
        assertThat(onPost.levelOf(a)).isEqualTo(WatchLevel.MUTED);
        assertThat(onPost.levelOf(b)).isEqualTo(WatchLevel.MUTED);
        assertThat(store.watchedBy(a)).contains(channel).doesNotContain(post);

        migration.run();
        assertThat(mongo.count(Query.query(Criteria.where("target").in(channel, post)), "subscriptions"))
                .isEqualTo(5);
        assertThat(store.get(channel).watching()).isEqualTo(Set.of(a, b));

        // the pair is unique: setting a level again changes the one document
        store.set(channel, c, WatchLevel.WATCHING);
        store.watchAutomatically(post.substring("post:".length()), b);
        assertThat(mongo.count(Query.query(Criteria.where("target").in(channel, post)), "subscriptions"))
                .isEqualTo(5);
        assertThat(store.get(channel).watching()).isEqualTo(Set.of(a, b, c));
        // an automatic watch never overrides a MUTED
        assertThat(store.get(post).levelOf(b)).isEqualTo(WatchLevel.MUTED);
        store.erase(a);
        store.erase(b);
        store.erase(c);
        assertThat(mongo.count(Query.query(Criteria.where("target").in(channel, post)), "subscriptions")).isZero();
    }
}
