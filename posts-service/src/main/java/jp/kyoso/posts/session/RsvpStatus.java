package jp.kyoso.posts.session;

/** A member's place at a session. A cancelled RSVP is removed from the session, so it has no status of its own. */
public enum RsvpStatus {
    GOING,
    WAITLISTED
}
