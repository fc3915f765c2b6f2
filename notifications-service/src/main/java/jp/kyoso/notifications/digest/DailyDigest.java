package jp.kyoso.notifications.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.email.MailKinds;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.preference.PreferenceStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily digest for members who chose {@code DAILY_DIGEST}. Each day after the configured time (Asia/Tokyo), each
 * such member gets one mail listing their unread notices that no digest listed yet, and what was read before the mail
 * leaves is left out. The delivery's key is {@code digest:<member>:<day>}.
 *
 * <p>No item is ever sent twice, even when a run stops half-way: first each waiting notice is marked with the digest
 * that will carry it ({@code digestedIn}), then the digest is put together from the notices marked with it. A run
 * that stopped after marking finds the marked notices at the next run (the member is still due); a run that stopped
 * after queuing the digest finds it by its key and adds nothing twice; a notice can only ever be marked once.
 */
@Component
public class DailyDigest {
    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
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
            // step one: each waiting notice belongs to its member's digest of the day from now on
            Map<String, List<String>> waiting = new HashMap<>();
            for (Document notice : inbox.waitingForDigest(chunk)) {
                waiting.computeIfAbsent(notice.getString("memberId"), id -> new ArrayList<>())
                        .add(notice.getString("_id"));
            }
            waiting.forEach((memberId, noticeIds) -> inbox.markDigested(noticeIds, digestId(memberId, day)));
            // step two: each digest carries the notices marked with it, by this run or by one that stopped
            Map<String, String> memberOfDigest = new HashMap<>();
            chunk.forEach(memberId -> memberOfDigest.put(digestId(memberId, day), memberId));
            Map<String, List<String>> carried = new LinkedHashMap<>();
            for (Document notice : inbox.inDigests(memberOfDigest.keySet())) {
                carried.computeIfAbsent(notice.getString("digestedIn"), id -> new ArrayList<>())
                        .add(notice.getString("_id"));
            }
            List<DeliveryStore.Collecting> mails = new ArrayList<>(carried.size());
            carried.forEach((id, noticeIds) -> mails.add(new DeliveryStore.Collecting(id, MailKinds.DIGEST,
                    memberOfDigest.get(id), noticeIds, new Document("day", day), clock.instant())));
            deliveries.collect(mails);
            queued += mails.size();
            chunk.forEach(memberId -> preferences.digestDone(memberId, day));
        }
        if (queued > 0) {
            workers.wakeUp(Channel.EMAIL);
        }
        return queued;
    }

    static String digestId(String memberId, String day) {
        return "digest:" + memberId + ":" + day;
    }

    /** The latest digest time at or before {@code now}: today's if it has passed, else yesterday's. */
    LocalDate digestDay(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(properties.time()) ? today.minusDays(1) : today;
    }
}
