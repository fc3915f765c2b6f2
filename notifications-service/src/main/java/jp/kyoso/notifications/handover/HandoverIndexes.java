package jp.kyoso.notifications.handover;

import java.util.List;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The indexes of {@code handovers} (the invitation mails' {@code predecessorId} is in
 * {@code jp.kyoso.notifications.delivery.DeliveryIndexes}).
 */
@Component
class HandoverIndexes implements InitializingBean {
    private final Indexes indexes;

    HandoverIndexes(Indexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public void afterPropertiesSet() {
        // removeAllOf(): {$or: [{predecessorId}, {successorId}]}, one index per branch
        indexes.ensure(Handovers.COLLECTION, new Document("predecessorId", 1), Indexes.named("handovers_predecessor"));
        indexes.ensure(Handovers.COLLECTION, new Document("successorId", 1), Indexes.named("handovers_successor"));
        indexes.dropObsolete(Handovers.COLLECTION, List.of("predecessorId_1", "successorId_1"));
    }
}
