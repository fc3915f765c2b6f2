package jp.kyoso.notifications.announcement;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jp.kyoso.notifications.delivery.DeliveryStatus;
import jp.kyoso.notifications.delivery.DeliveryStore.EventCounts;
import org.bson.Document;

/**
 * How far an announcement has got, as the console shows it while it polls: made of the small progress document, the
 * announcement's single mail delivery and the counts of its Slack deliveries, never of the notices themselves.
 *
 * @param state       {@code FANNING_OUT} until every chunk is stored and everything is queued; {@code DELIVERING}
 *                    while the mail or a Slack message still waits or is retried; {@code DONE} when nothing waits
 *                    (a FAILED delivery is over too)
 * @param recipients  the active members but the author when the fan-out started
 * @param inboxStored the inboxes the announcement is in: every recipient's, once it is stored for all of them (a
 *                    member who switched announcements off is not shown it)
 * @param finishedAt  when the last of it was over, once {@code DONE}
 */
public record AnnouncementProgress(String postId, String title, State state, long recipients, long inboxStored,
                                   MailProgress mail, SlackProgress slack, Instant startedAt, Instant finishedAt) {

    public enum State { FANNING_OUT, DELIVERING, DONE }

    /**
     * The announcement's mail delivery. {@code planned}: the members who wanted it at once when their notice was
     * stored; whoever is neither {@code sent}, {@code failed} nor {@code waiting} once it is over was skipped (they
     * switched to the digest or off since, the post was deleted) or, refused for now by the mail server, went on in
     * their own INSTANT mail, which the delivery log shows.
     */
    public record MailProgress(long planned, long sent, long failed, long waiting) {
    }

    /** The Slack messages to the members' webhooks, and the channel mirror's message if the channel has one. */
    public record SlackProgress(long planned, long posted, long failed, long waiting) {
    }

    private static final List<String> OVER = List.of(DeliveryStatus.SENT.name(), DeliveryStatus.FAILED.name());

    /**
     * @param progress       the {@code announcement_progress} document
     * @param mail           the delivery {@code email:announcement:<eventId>}, or null while it is not queued (or when
     *                       nobody is to be mailed)
     * @param slack          the counts of the Slack deliveries of the event
     * @param slackChangedAt when the last of them changed, or null; asked only once the announcement is done
     */
    static AnnouncementProgress of(Document progress, Document mail, EventCounts slack,
                                   Supplier<Instant> slackChangedAt) {
        long planned = mailPlanned(progress.get("mailPages"), mail == null ? Integer.MAX_VALUE
                : mail.getInteger("pages", 0));
        MailProgress mailProgress;
        boolean mailOver;
        if (mail == null) {
            mailProgress = new MailProgress(planned, 0, 0, planned);
            mailOver = planned == 0;
        } else {
            long sent = number(mail.get("sentCount"));
            long failed = number(mail.get("failedCount"));
            mailOver = OVER.contains(mail.getString("status"));
            if (DeliveryStatus.FAILED.name().equals(mail.getString("status"))) {
                // given up: what did not leave will not
                failed = Math.max(failed, planned - sent);
            }
            mailProgress = new MailProgress(planned, sent, failed, mailOver ? 0 : Math.max(0, planned - sent - failed));
        }
        SlackProgress slackProgress = new SlackProgress(slack.total(), slack.sent(), slack.failed(), slack.waiting());
        Instant fannedOutAt = instant(progress.get("fannedOutAt"));
        State state = fannedOutAt == null ? State.FANNING_OUT
                : !mailOver || slack.waiting() > 0 ? State.DELIVERING : State.DONE;
        Instant finishedAt = state != State.DONE ? null
                : Stream.of(fannedOutAt, mail == null ? null : instant(mail.get("updatedAt")),
                        slack.total() == 0 ? null : slackChangedAt.get())
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(fannedOutAt);
        return new AnnouncementProgress(progress.getString("_id"), progress.getString("title"), state,
                number(progress.get("recipients")), number(progress.get("inboxStored")), mailProgress, slackProgress,
                instant(progress.get("startedAt")), finishedAt);
    }

    /**
     * The members of the mail's pages: {@code mailPages} maps a page's number to its size. Only the pages the queued
     * delivery reads count: an attempt that started again may have left a page more behind.
     */
    private static long mailPlanned(Object pages, int pageCount) {
        long planned = 0;
        if (pages instanceof Map<?, ?> byNumber) {
            for (Map.Entry<?, ?> page : byNumber.entrySet()) {
                if (Integer.parseInt(page.getKey().toString()) < pageCount) {
                    planned += number(page.getValue());
                }
            }
        } else if (pages instanceof List<?> inOrder) {
            for (int page = 0; page < Math.min(pageCount, inOrder.size()); page++) {
                planned += number(inOrder.get(page));
            }
        }
        return planned;
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
