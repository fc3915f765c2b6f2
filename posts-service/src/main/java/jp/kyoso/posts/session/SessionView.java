package jp.kyoso.posts.session;

import java.time.Instant;

/**
 * A session as {@code PostView.session} shows it: its facts, the counts, and the caller's own place
 * ({@code myStatus} null when the caller has not answered; {@code myWaitlistPosition} 1 for the first in line).
 */
public record SessionView(Instant startsAt, Instant endsAt, String place, String onlineUrl, String prefecture,
                          int capacity, int goingCount, int waitlistCount, RsvpStatus myStatus,
                          Integer myWaitlistPosition) {

    public static SessionView of(Session session, String viewerId) {
        RsvpStatus mine = viewerId == null ? null : session.rsvpOf(viewerId).map(Rsvp::status).orElse(null);
        Integer position = mine == RsvpStatus.WAITLISTED ? session.waitlistPosition(viewerId) : null;
        return new SessionView(session.startsAt(), session.endsAt(), session.place(), session.onlineUrl(),
                session.prefecture(), session.capacity(), session.goingCount(), session.waitlistCount(), mine,
                position);
    }
}
