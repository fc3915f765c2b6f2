package jp.kyoso.notifications.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.kyoso.notifications.fanout.Candidate;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.fanout.Notifier;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.platform.consumer.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * SESSION_REMINDER to each member GOING to a study session, once {@code startsAt - kyoso.sessions.reminder-before}
 * has come and before the start; SESSION_FOLLOW_UP to each member marked attended, once {@code endsAt +
 * kyoso.sessions.follow-up-after} has come. A scheduler checks every {@code kyoso.sessions.check-interval} against
 * the {@link Clock} bean; an event that makes a notice due at once (a promotion from the waitlist after the reminder
 * time, attendance marked after the follow-up time, a session moved closer) sends it while the event is handled.
 *
 * <p>Exactly once per member, session and type, with the fan-out's technique: the notice's content key is fixed per
 * session and type ({@code session-reminder:<postId>}, {@code session-follow-up:<postId>}), so its id
 * {@code <memberId>:<key>} is the sent mark, written with the inbox insert. Two instances (or the scheduler and an
 * event, or a redelivery, or a run after a crash) that send the same notice hit the duplicate key, and the side
 * effects of a notice already stored are idempotent by key. After that the member's view document is marked
 * ({@code reminded}, {@code followedUp}) so that later checks skip it; a crash in between only repeats the harmless
 * insert. A member whose preferences switch the type off gets nothing and is marked all the same.
 */
@Component
public class SessionNotices {
    static final String REMINDER_KEY = "session-reminder:";
    static final String FOLLOW_UP_KEY = "session-follow-up:";
    private static final Logger log = LoggerFactory.getLogger(SessionNotices.class);
    private static final int BATCH = 500;

    private final SessionView view;
    private final Notifier notifier;
    private final Clock clock;

    public SessionNotices(SessionView view, Notifier notifier, Clock clock) {
        this.view = view;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Keeps the view from one event of {@code kyoso.posts.v1}, then sends what the event made due. */
    public void apply(InboundEvent event) {
        String type = event.type();
        if (type.endsWith(".SessionScheduled.v1")) {
            view.scheduled(event);
        } else if (type.endsWith(".SessionRsvpChanged.v1")) {
            view.rsvpChanged(event);
        } else if (type.endsWith(".SessionAttendanceMarked.v1")) {
            view.attendanceMarked(event);
        } else if (type.endsWith(".PostDeleted.v1")) {
            view.deleted(EventFields.required(event, "postId"));
            return;
        } else {
            return;
        }
        send(clock.instant(), EventFields.required(event, "postId"));
    }

    @Scheduled(fixedDelayString = "${kyoso.sessions.check-interval:1m}",
            initialDelayString = "${kyoso.sessions.check-interval:1m}")
    public void sendDue() {
        try {
            int sent = runDue(clock.instant());
            if (sent > 0) {
                log.info("Sent {} study session reminders and follow-ups", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Study session notices failed, will retry: {}", e.toString());
        }
    }

    /** Sends every reminder and follow-up due at {@code now}; safe on several instances at once. */
    public int runDue(Instant now) {
        return send(now, null);
    }

    /** What is due at {@code now}, of one session or (postId null) of all. Returns the new notices. */
    private int send(Instant now, String postId) {
        int created = 0;
        List<SessionView.Attendee> due;
        do {
            due = view.dueReminders(now, postId, BATCH);
            for (SessionView.Attendee attendee : due) {
                created += notice(attendee, NotificationType.SESSION_REMINDER);
                view.reminded(attendee.id());
            }
        } while (due.size() == BATCH);
        do {
            due = view.dueFollowUps(now, postId, BATCH);
            for (SessionView.Attendee attendee : due) {
                created += notice(attendee, NotificationType.SESSION_FOLLOW_UP);
                view.followedUp(attendee.id());
            }
        } while (due.size() == BATCH);
        return created;
    }

    private int notice(SessionView.Attendee attendee, NotificationType type) {
        SessionView.Session session = view.find(attendee.postId());
        if (session == null || session.deleted()) {
            return 0;
        }
        boolean reminder = type == NotificationType.SESSION_REMINDER;
        NotificationContent content = new NotificationContent(
                (reminder ? REMINDER_KEY : FOLLOW_UP_KEY) + session.postId(), null, session.postId(), null,
                session.channel(), session.title(),
                EventFields.snippet(reminder ? SessionText.reminder(session) : SessionText.followUp()), null);
        return notifier.notify(content, List.of(new Candidate(attendee.memberId(), List.of(type))));
    }
}
