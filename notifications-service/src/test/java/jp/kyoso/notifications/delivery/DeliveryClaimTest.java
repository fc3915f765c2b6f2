package jp.kyoso.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.email.MailKinds;
import jp.kyoso.notifications.retention.RetentionProperties;
import jp.kyoso.notifications.store.Indexes;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * A worker claims a queued delivery while the sweeper looks for abandoned ones: the sweeper runs between each of the
 * claim's writes here, and must never queue again what the worker is taking (it would go out twice).
 */
class DeliveryClaimTest extends NotificationsTestBase {
    @Autowired
    MongoClient client;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    RetentionProperties retention;

    private SweepingBetweenWrites template;
    private DeliveryStore store;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        // the service's own workers would take what this test queues in the service's database
        template = new SweepingBetweenWrites(client, unique("claim-test"));
        store = new DeliveryStore(template, properties);
        template.store = store;
        new DeliveryIndexes(new Indexes(template), retention).afterPropertiesSet();
        afterTest(() -> template.getDb().drop());
    }

    @Test
    void aDeliveryBeingClaimedIsNeverTakenForAbandoned() {
        Instant now = Instant.now();
        // a retry queued long ago (longer than a lease), due now: the sweeper's "never leased" case
        String id = queued(now.minus(properties.lease()).minus(Duration.ofMinutes(1)), now);

        template.sweepAt = now;
        Document claimed = store.claim(id, now);

        assertThat(claimed).isNotNull();
        assertThat(claimed.getDate("leaseUntil")).isAfter(Date.from(now));
        assertThat(template.sweeps).isGreaterThanOrEqualTo(2);
        assertThat(template.requeued).isZero();
        assertThat(template.findById(id, Document.class, DeliveryStore.QUEUE)).isNull();
    }

    @Test
    void aTurnQueuedForLaterIsNotTakenByAWorkerThatListedTheOneBefore() {
        Instant now = Instant.now();
        String id = queued(now, now.plus(Duration.ofMinutes(1)));

        assertThat(store.claim(id, now)).isNull();

        assertThat(template.findById(id, Document.class, DeliveryStore.QUEUE)).isNotNull();
    }

    @Test
    void anEntryWhoseDeliveryIsGoneIsDroppedNotListedAgain() {
        Instant now = Instant.now();
        String id = unique("gone");
        store.enqueue(List.of(id), Channel.EMAIL, now);

        assertThat(store.claim(id, now)).isNull();

        assertThat(store.due(Channel.EMAIL, now, 10)).doesNotContain(id);
    }

    @Test
    void whatAWorkerLeftIsQueuedAgainOnce() {
        Instant now = Instant.now();
        String id = queued(now, now);
        assertThat(store.claim(id, now)).isNotNull();

        // the worker died: its lease runs out
        Instant later = now.plus(properties.lease()).plusSeconds(1);
        assertThat(store.sweep(later)).isEqualTo(1);
        assertThat(store.sweep(later)).isZero();
        assertThat(store.due(Channel.EMAIL, later, 10)).containsExactly(id);
    }

    private String queued(Instant lastChanged, Instant dueAt) {
        String id = unique("delivery");
        Document delivery = DeliveryStore.newDelivery(id, Channel.EMAIL, MailKinds.NUDGE, unique("m"))
                .append("status", DeliveryStatus.RETRYING.name()).append("updatedAt", Date.from(lastChanged));
        assertThat(store.create(delivery, dueAt)).isTrue();
        return id;
    }

    /** Runs the sweeper after each write of a claim, as it may on another thread or instance. */
    static final class SweepingBetweenWrites extends MongoTemplate {
        DeliveryStore store;
        Instant sweepAt;
        int sweeps;
        int requeued;
        private boolean sweeping;

        SweepingBetweenWrites(MongoClient client, String database) {
            super(client, database);
        }

        @Override
        public UpdateResult updateFirst(Query query, UpdateDefinition update, String collection) {
            UpdateResult result = super.updateFirst(query, update, collection);
            sweep();
            return result;
        }

        @Override
        public <T> T findAndRemove(Query query, Class<T> type, String collection) {
            T removed = super.findAndRemove(query, type, collection);
            sweep();
            return removed;
        }

        @Override
        public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options, Class<T> type,
                                   String collection) {
            T modified = super.findAndModify(query, update, options, type, collection);
            sweep();
            return modified;
        }

        private void sweep() {
            if (sweepAt == null || sweeping) {
                return;
            }
            sweeping = true;
            try {
                sweeps++;
                requeued += store.sweep(sweepAt);
            } finally {
                sweeping = false;
            }
        }
    }
}
