package jp.kyoso.notifications.email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The mails of an announcement. Instead of one queued mail per member (100,000 writes for 100,000 members, each
 * costing as much as storing the notice itself), the fan-out writes the members who want mail at once in pages of
 * {@code announcement_recipients} ({@code <eventId>:<n>}, one write per fan-out chunk), then queues ONE delivery
 * {@code email:announcement:<eventId>} when it is done. The EMAIL worker expands it a few mails at a time (see
 * {@link AnnouncementSender}), so the announcement never holds up other mails. Members who chose the daily digest
 * are not in the pages: their notice waits for the digest.
 */
@Component
public class AnnouncementMails {
    static final String RECIPIENTS = "announcement_recipients";

    private final MongoTemplate mongo;
    private final DeliveryStore deliveries;
    private final DeliveryWorkers workers;
    private final MailSettings settings;
    private final Clock clock;

    public AnnouncementMails(MongoTemplate mongo, DeliveryStore deliveries, DeliveryWorkers workers,
                             MailSettings settings, Clock clock) {
        this.mongo = mongo;
        this.deliveries = deliveries;
        this.workers = workers;
        this.settings = settings;
        this.clock = clock;
    }

    public static String deliveryId(String eventId) {
        return "email:announcement:" + eventId;
    }

    static String pageId(String eventId, int page) {
        return eventId + ":" + page;
    }

    /** Whether the announcement's mail is queued already: an earlier attempt at the event got that far. */
    public boolean queued(String eventId) {
        return deliveries.exists(deliveryId(eventId));
    }

    /**
     * Page {@code page} of the members to mail. Written by key, so an attempt at the event that starts again rewrites
     * the pages it wrote before.
     */
    public void addRecipients(String eventId, int page, List<String> memberIds) {
        mongo.upsert(Query.query(Criteria.where("_id").is(pageId(eventId, page))),
                new Update().set("memberIds", memberIds), RECIPIENTS);
    }

    /**
     * Queues the announcement's mail after its last page is written. It leaves at the end of the INSTANT window of
     * its creation, like every mail sent at once.
     */
    public void queue(String eventId, int pages, Instant createdAt) {
        long window = settings.instantWindow().toMillis();
        Instant dueAt = Instant.ofEpochMilli((createdAt.toEpochMilli() / window + 1) * window)
                .plus(settings.instantGrace());
        Document delivery = DeliveryStore.newDelivery(deliveryId(eventId), Channel.EMAIL, MailKinds.ANNOUNCEMENT, null)
                .append("eventId", eventId).append("pages", pages).append("page", 0).append("offset", 0)
                .append("sentCount", 0).append("failedCount", 0);
        if (deliveries.create(delivery, dueAt) && !dueAt.isAfter(clock.instant())) {
            workers.wakeUp(Channel.EMAIL);
        }
    }
}
