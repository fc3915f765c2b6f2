package jp.kyoso.posts.session;

/** Field names of a session inside its post's document, for queries and targeted updates. */
public final class SessionFields {
    public static final String SESSION = "session";
    public static final String STARTS_AT = "session.startsAt";
    public static final String ENDS_AT = "session.endsAt";
    public static final String PLACE = "session.place";
    public static final String ONLINE_URL = "session.onlineUrl";
    public static final String PREFECTURE = "session.prefecture";
    public static final String CAPACITY = "session.capacity";
    public static final String GOING_COUNT = "session.goingCount";
    public static final String WAITLIST_COUNT = "session.waitlistCount";
    public static final String RSVPS = "session.rsvps";
    /** Incremented by every change of the RSVPs or the capacity: each such write is conditional on it. */
    public static final String RSVP_VERSION = "session.rsvpVersion";

    private SessionFields() {
    }
}
