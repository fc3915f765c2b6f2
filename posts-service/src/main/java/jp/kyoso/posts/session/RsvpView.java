package jp.kyoso.posts.session;

/** The caller's place after {@code PUT /api/sessions/{postId}/rsvp}; {@code waitlistPosition} 1 is next in line. */
public record RsvpView(RsvpStatus status, Integer waitlistPosition) {

    static RsvpView of(Session session, String memberId) {
        RsvpStatus status = session.rsvpOf(memberId).map(Rsvp::status).orElseThrow();
        return new RsvpView(status, status == RsvpStatus.WAITLISTED ? session.waitlistPosition(memberId) : null);
    }
}
