package jp.kyoso.notifications.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.preference.PreferenceStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily digest for members who chose {@code DAILY_DIGEST}. Each day after the configured time (Asia/Tokyo), each
 * such member gets one mail listing their unread notices that no digest listed yet; each listed notice is marked with
 * the digest that carried it, so no item is ever sent twice, and what was read before the mail leaves is left out.
 * The delivery's key is {@code digest:<member>:<day>}: if two instances put the same digest together, only one
 * stores it.
 */
@Component
public class DailyDigest {
    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    static final String KIND = "DIGEST";
    private static final int MEMBERS_PER_QUERY = 500;

    private final PreferenceStore preferences;
    private final InboxStore inbox;
    private final DeliveryStore deliveries;
    private final DeliveryWorkers workers;
    private final DigestProperties properties;
    private final Clock clock;

    public DailyDigest(PreferenceStore preferences, InboxStore inbox, DeliveryStore deliveries,
                       DeliveryWorkers workers, DigestProperties properties, Clock clock) {
        this.preferences = preferences;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kyoso.digest.check-interval:1m}",
            initialDelayString = "${kyoso.digest.check-interval:1m}")
    public void sendDueDigests() {
        try {
            int queued = runDue(clock.instant());
            if (queued > 0) {
                log.info("Queued {} daily digests", queued);
            }
        } catch (RuntimeException e) {
            log.warn("Daily digests failed, will retry: {}", e.toString());
        }
    }

    /** Puts together the digests due at {@code now}; returns how many mails were queued. */
    public int runDue(Instant now) {
        String day = digestDay(now).toString();
        List<String> due = new ArrayList<>();
        preferences.digestMembers().forEach((memberId, lastDay) -> {
            if (lastDay == null || lastDay.compareTo(day) < 0) {
                due.add(memberId);
            }
        });
        int queued = 0;
        for (int from = 0; from < due.size(); from += MEMBERS_PER_QUERY) {
            List<String> chunk = due.subList(from, Math.min(due.size(), from + MEMBERS_PER_QUERY));
            Map<String, List<String>> waiting = new HashMap<>();
            for (Document notice : inbox.waitingForDigest(chunk)) {
                waiting.computeIfAbsent(notice.getString("memberId"), id -> new ArrayList<>())
                        .add(notice.getString("_id"));
            }
            for (String memberId : chunk) {
                List<String> noticeIds = waiting.getOrDefault(memberId, List.of());
                if (!noticeIds.isEmpty()) {
                    String id = "digest:" + memberId + ":" + day;
                    Document delivery = DeliveryStore.newDelivery(id, Channel.EMAIL, KIND, memberId)
                            .append("day", day).append("notificationIds", noticeIds);
                    if (deliveries.create(delivery, clock.instant())) {
                        inbox.markDigested(noticeIds, id);
                        queued++;
                    }
                }
                preferences.digestDone(memberId, day);
            }
        }
        if (queued > 0) {
            workers.wakeUp(Channel.EMAIL);
        }
        return queued;
    }

    /** The latest digest time at or before {@code now}: today's if it has passed, else yesterday's. */
    LocalDate digestDay(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(properties.time()) ? today.minusDays(1) : today;
    }
}
