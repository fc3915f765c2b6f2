package jp.kyoso.posts.session;

import java.time.Instant;
import java.util.List;

/**
 * Every RSVP of a session, places first in the order they were taken, then the waitlist in its order; and when the
 * reception desk opens ({@code checkInOpensAt}), from which attendance can be marked.
 */
public record Attendees(List<AttendeeView> items, Instant checkInOpensAt) {
}
