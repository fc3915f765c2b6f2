package jp.kyoso.notifications.subscription;

import java.util.List;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The indexes of {@code subscriptions} (one document per member and target, see {@link SubscriptionStore}). */
@Component
class SubscriptionIndexes implements InitializingBean {
    private final Indexes indexes;
    private final SubscriptionShapeMigration migration;

    SubscriptionIndexes(Indexes indexes, SubscriptionShapeMigration migration) {
        this.indexes = indexes;
        this.migration = migration;
    }

    @Override
    public void afterPropertiesSet() {
        migration.run();
        String subscriptions = SubscriptionStore.COLLECTION;
        // one document per (target, member); get() {target}, forgetPost() {target}, watchUnlessMuted() exists {target}.
        // Sparse: a document of the old shape (neither field; one not migrated yet, or written by an instance of the
        // earlier version during a rolling update) is left out instead of colliding on (null, null)
        indexes.ensure(subscriptions, new Document(SubscriptionStore.TARGET, 1).append(SubscriptionStore.MEMBER, 1),
                Indexes.named("subscriptions_target_member").unique(true).sparse(true));
        // watchedBy() {memberId, level: WATCHING}, erase() {memberId}
        indexes.ensure(subscriptions, new Document(SubscriptionStore.MEMBER, 1).append(SubscriptionStore.LEVEL, 1),
                Indexes.named("subscriptions_member_level"));
        // the shape before one document per pair: arrays of members per target
        indexes.dropObsolete(subscriptions, List.of("watching_1", "muted_1"));
    }
}
