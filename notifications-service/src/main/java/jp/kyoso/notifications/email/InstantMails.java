package jp.kyoso.notifications.email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.DeliveryStore;
import org.springframework.stereotype.Component;

/**
 * Collects INSTANT mail notices. Time is cut into windows of {@code kyoso.mail.instant-window}; all notices of one
 * member created in one window go into the delivery {@code email:<memberId>:<window>}, written by key with an upsert,
 * which leaves when the window closes. So several notices in that time make one mail, and no notice waits longer than
 * one window (plus the grace and the worker's poll). The window is the one of the notice's stored creation time, so
 * an event handled again after a failure finds the same mail.
 */
@Component
public class InstantMails {
    private final DeliveryStore deliveries;
    private final MailSettings settings;

    public InstantMails(DeliveryStore deliveries, MailSettings settings) {
        this.deliveries = deliveries;
        this.settings = settings;
    }

    /** A stored notice that goes out by mail at once. */
    public record Notice(String memberId, String noticeId, Instant createdAt) {
    }

    public void collect(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        long window = settings.instantWindow().toMillis();
        Map<String, DeliveryStore.Collecting> mails = new LinkedHashMap<>();
        for (Notice notice : notices) {
            long index = notice.createdAt().toEpochMilli() / window;
            String id = deliveryId(notice.memberId(), index);
            Instant dueAt = Instant.ofEpochMilli((index + 1) * window).plus(settings.instantGrace());
            mails.computeIfAbsent(id, key -> new DeliveryStore.Collecting(key, MailKinds.INSTANT, notice.memberId(),
                    new ArrayList<>(1), null, dueAt)).noticeIds().add(notice.noticeId());
        }
        deliveries.collect(new ArrayList<>(mails.values()));
    }

    /** The INSTANT mail of a member for the notices created in the window with this index. */
    public static String deliveryId(String memberId, long windowIndex) {
        return "email:" + memberId + ":" + windowIndex;
    }
}
