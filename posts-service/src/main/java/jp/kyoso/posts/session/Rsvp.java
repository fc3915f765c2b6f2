package jp.kyoso.posts.session;

import java.time.Instant;

/**
 * One member's RSVP, kept in the session post's document (see {@link Session}). Only the member id is stored, not the
 * name: the attendees list reads names from the member projection, so a member who leaves is erased there once.
 *
 * @param rsvpAt   when the member answered; the waitlist is the order of the RSVPs in the document
 * @param attended null until a moderator marks it after the start
 */
public record Rsvp(String memberId, RsvpStatus status, Instant rsvpAt, Boolean attended) {

    Rsvp withStatus(RsvpStatus newStatus) {
        return new Rsvp(memberId, newStatus, rsvpAt, attended);
    }

    Rsvp withAttended(boolean value) {
        return new Rsvp(memberId, status, rsvpAt, value);
    }
}
