package jp.kyoso.notifications.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.store.BoundedMemo;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * INSTANT notice mails. Time is cut into windows of {@code kyoso.mail.instant-window}; all notices of one member created
 * in one window go out in the delivery {@code email:<memberId>:<window>}, which leaves when the window closes (plus the
 * grace, plus the member's own moment within {@code kyoso.mail.instant-spread}, so that the mails of one window do not
 * all leave at once). So several notices in that time make one mail, and no notice waits longer than one window (plus
 * the grace, the spread and the worker's poll). The window is the one of the notice's stored creation time, so an
 * event handled again after a failure finds the same mail.
 *
 * <p>The mail does not list its notices as they come: when it leaves it reads the member's notices of its window from
 * the inbox (those stored for it, {@code InboxStore.inInstantMail}). A notice only makes sure its mail is there and
 * queued, and this instance remembers the mails it queued, so the next notices of the same window write nothing until
 * the window closes. From then on every notice writes again (the mail may have left; queueing it again sends what came
 * since, see DeliveryWorkers). At 50 replies a second to one thread with ten watchers, adding each notice to its mail
 * was two writes of growing documents per event on the posts consumer's one thread.
 */
@Component
public class InstantMails {
    /** Mails remembered as queued (members × open windows), the least recently used go first. */
    static final int REMEMBERED = 50_000;
    static final String WINDOW_START = "windowStart";
    static final String WINDOW_END = "windowEnd";

    private final DeliveryStore deliveries;
    private final MailSettings settings;
    private final Clock clock;
    private final Map<String, Instant> queuedUntil = BoundedMemo.of(REMEMBERED);

    public InstantMails(DeliveryStore deliveries, MailSettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** A stored notice that goes out by mail at once. */
    public record Notice(String memberId, String noticeId, Instant createdAt) {
    }

    /**
     * Makes sure the mails of these notices' windows exist and are queued; the notices themselves are read from the
     * inbox when the mail leaves. Skips the mails this instance queued while their windows are still open.
     */
    public void expect(List<Notice> notices) {
        Instant now = clock.instant();
        Map<String, DeliveryStore.Collecting> mails = new LinkedHashMap<>();
        for (Notice notice : notices) {
            Window window = window(notice.memberId(), notice.createdAt());
            String id = deliveryId(notice.memberId(), window.index());
            Instant openUntil = queuedUntil.get(id);
            if (openUntil != null && now.isBefore(openUntil)) {
                continue;
            }
            mails.computeIfAbsent(id, key -> new DeliveryStore.Collecting(key, MailKinds.INSTANT, notice.memberId(),
                    List.of(), new Document(WINDOW_START, Date.from(window.start()))
                            .append(WINDOW_END, Date.from(window.end())), window.dueAt()));
        }
        if (mails.isEmpty()) {
            return;
        }
        deliveries.collect(new ArrayList<>(mails.values()));
        // remembered only once written; a notice created in the window after it closed writes again
        mails.forEach((id, mail) -> queuedUntil.put(id, mail.onInsert().getDate(WINDOW_END).toInstant()));
    }

    /**
     * Adds these notices to their mails by id (an announcement's notice whose own mail could not leave): listed in the
     * mail whatever the inbox says.
     */
    public void collect(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        Map<String, DeliveryStore.Collecting> mails = new LinkedHashMap<>();
        for (Notice notice : notices) {
            Window window = window(notice.memberId(), notice.createdAt());
            String id = deliveryId(notice.memberId(), window.index());
            mails.computeIfAbsent(id, key -> new DeliveryStore.Collecting(key, MailKinds.INSTANT, notice.memberId(),
                    new ArrayList<>(1), new Document(WINDOW_START, Date.from(window.start()))
                            .append(WINDOW_END, Date.from(window.end())), window.dueAt()))
                    .noticeIds().add(notice.noticeId());
        }
        deliveries.collect(new ArrayList<>(mails.values()));
    }

    private Window window(String memberId, Instant createdAt) {
        long length = settings.instantWindow().toMillis();
        long index = createdAt.toEpochMilli() / length;
        Instant end = Instant.ofEpochMilli((index + 1) * length);
        return new Window(index, Instant.ofEpochMilli(index * length), end,
                end.plus(settings.instantGrace()).plus(stagger(memberId)));
    }

    /** The member's own moment within the spread: the same for every window, different from member to member. */
    private Duration stagger(String memberId) {
        long spread = settings.instantSpread().toMillis();
        return spread <= 0 ? Duration.ZERO : Duration.ofMillis(Math.floorMod(memberId.hashCode(), spread));
    }

    private record Window(long index, Instant start, Instant end, Instant dueAt) {
    }

    /** The INSTANT mail of a member for the notices created in the window with this index. */
    public static String deliveryId(String memberId, long windowIndex) {
        return "email:" + memberId + ":" + windowIndex;
    }
}
