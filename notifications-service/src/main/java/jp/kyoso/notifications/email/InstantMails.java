package jp.kyoso.notifications.email;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStatus;
import jp.kyoso.notifications.delivery.DeliveryStore;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Collects INSTANT mail notices. Time is cut into windows of {@code kyoso.mail.instant-window}; all notices of one
 * member in one window go into the delivery {@code email:<memberId>:<window>}, written by key with an upsert, which
 * leaves when the window closes. So several notices in that time make one mail, and no notice waits longer than one
 * window (plus the grace and the worker's poll).
 */
@Component
public class InstantMails {
    public static final String KIND = "INSTANT";

    private final DeliveryStore deliveries;
    private final MailSettings settings;
    private final Clock clock;

    public InstantMails(DeliveryStore deliveries, MailSettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param noticeIdsByMember the new notices that should go out by mail, per member */
    public void collect(Map<String, List<String>> noticeIdsByMember) {
        if (noticeIdsByMember.isEmpty()) {
            return;
        }
        long window = settings.instantWindow().toMillis();
        long index = clock.millis() / window;
        Instant dueAt = Instant.ofEpochMilli((index + 1) * window).plus(settings.instantGrace());
        Date now = Date.from(clock.instant());
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(noticeIdsByMember.size());
        List<String> ids = new ArrayList<>(noticeIdsByMember.size());
        noticeIdsByMember.forEach((memberId, noticeIds) -> {
            String id = "email:" + memberId + ":" + index;
            ids.add(id);
            Document onInsert = new Document("channel", Channel.EMAIL.name()).append("kind", KIND)
                    .append("memberId", memberId).append("status", DeliveryStatus.PENDING.name())
                    .append("attempts", 0).append("failures", 0).append("createdAt", now)
                    .append("idempotencyKey", id);
            Document update = new Document("$setOnInsert", onInsert)
                    .append("$addToSet", new Document("notificationIds", new Document("$each", noticeIds)))
                    .append("$set", new Document("updatedAt", now));
            upserts.add(new UpdateOneModel<>(new Document("_id", id), update, new UpdateOptions().upsert(true)));
        });
        deliveries.upsertAll(upserts);
        deliveries.enqueue(ids, Channel.EMAIL, dueAt);
    }
}
