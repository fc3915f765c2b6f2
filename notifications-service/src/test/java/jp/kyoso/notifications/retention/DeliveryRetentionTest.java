package jp.kyoso.notifications.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The delivery log keeps what is over (SENT, FAILED) for {@code kyoso.notifications.retention.deliveries} (90 days)
 * after its last change; what still waits stays whatever its age. The embedded server has no TTL: the purge does it.
 */
class DeliveryRetentionTest extends NotificationsTestBase {
    @Autowired
    RetentionPurge retention;
    @Autowired
    RetentionProperties properties;

    @Test
    void deliveriesThatAreOverLeaveTheLogAfterTheirRetentionAndWaitingOnesStay() {
        Instant now = Instant.now();
        Date old = Date.from(now.minus(properties.deliveries()).minus(Duration.ofMinutes(1)));
        Date young = Date.from(now.minus(properties.deliveries()).plus(Duration.ofMinutes(1)));
        String sentOld = delivery("SENT", old);
        String failedOld = delivery("FAILED", old);
        String pendingOld = delivery("PENDING", old);
        String retryingOld = delivery("RETRYING", old);
        String sentYoung = delivery("SENT", young);
        mongo.insert(new Document("_id", sentOld).append("channel", "EMAIL").append("dueAt", old), "delivery_queue");

        // more than one batch of the configured size is no problem either: the purge goes on until nothing is left
        RetentionPurge.Purged purged = retention.purge(now);

        assertThat(purged.deliveries()).isGreaterThanOrEqualTo(2);
        assertThat(exists(sentOld)).isFalse();
        assertThat(exists(failedOld)).isFalse();
        assertThat(mongo.findById(sentOld, Document.class, "delivery_queue")).isNull();
        assertThat(exists(pendingOld)).isTrue();
        assertThat(exists(retryingOld)).isTrue();
        assertThat(exists(sentYoung)).isTrue();
        mongo.remove(Query.query(Criteria.where("_id").in(pendingOld, retryingOld, sentYoung)), "deliveries");
    }

    @Test
    void theRetentionDefaultsAreAYearForTheInboxAndNinetyDaysForTheLog() {
        assertThat(properties.inbox()).isEqualTo(Duration.ofDays(365));
        assertThat(properties.deliveries()).isEqualTo(Duration.ofDays(90));
    }

    private String delivery(String status, Date updatedAt) {
        String id = unique("test-retention");
        Document delivery = DeliveryStore.newDelivery(id, Channel.EMAIL, "NOTICES", null).append("status", status)
                .append("createdAt", updatedAt).append("updatedAt", updatedAt);
        mongo.insert(delivery, "deliveries");
        return id;
    }

    private boolean exists(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), "deliveries");
    }
}
