package jp.kyoso.posts.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.posts.events.PostsEvents;
import org.springframework.data.mongodb.core.query.Update;

/** The parts of a post's update that change its session, for publishing and editing (see post.Posts). */
public final class SessionUpdates {
    private SessionUpdates() {
    }

    /**
     * Sets the new schedule. A larger capacity gives the new places to the waitlist at once (before the start), each
     * promotion with its SessionRsvpChanged GOING. The caller makes the write conditional on {@code rsvpVersion}.
     *
     * @param events receives the promotions' events
     */
    public static void reschedule(Update update, String postId, Session current, SessionSchedule schedule,
                                  Instant now, List<PendingEvent> events) {
        update.set(SessionFields.STARTS_AT, schedule.startsAt()).set(SessionFields.ENDS_AT, schedule.endsAt())
                .set(SessionFields.PLACE, schedule.place()).set(SessionFields.ONLINE_URL, schedule.onlineUrl())
                .set(SessionFields.PREFECTURE, schedule.prefecture()).set(SessionFields.CAPACITY, schedule.capacity())
                .inc(SessionFields.RSVP_VERSION, 1);
        if (schedule.capacity() > current.capacity() && current.waitlistCount() > 0 && !current.hasStarted(now)) {
            List<String> promoted = new ArrayList<>();
            List<Rsvp> rsvps = Session.promote(current.rsvpList(), schedule.capacity(), promoted);
            update.set(SessionFields.RSVPS, rsvps)
                    .set(SessionFields.GOING_COUNT, Session.count(rsvps, RsvpStatus.GOING))
                    .set(SessionFields.WAITLIST_COUNT, Session.count(rsvps, RsvpStatus.WAITLISTED));
            for (String memberId : promoted) {
                events.add(PostsEvents.sessionRsvpChanged(postId, memberId, RsvpStatus.GOING.name(), now));
            }
        }
    }

    public static PendingEvent scheduled(String postId, String channelSlug, String title, SessionSchedule schedule,
                                         String authorId, Instant at) {
        return PostsEvents.sessionScheduled(postId, channelSlug, title, schedule.startsAt(), schedule.endsAt(),
                schedule.place(), schedule.onlineUrl(), schedule.prefecture(), schedule.capacity(), authorId, at);
    }
}
