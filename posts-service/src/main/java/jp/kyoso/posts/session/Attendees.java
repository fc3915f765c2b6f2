package jp.kyoso.posts.session;

import java.util.List;

/** Every RSVP of a session, places first in the order they were taken, then the waitlist in its order. */
public record Attendees(List<AttendeeView> items) {
}
