package jp.kyoso.notifications.email;

/** The kinds of mail deliveries ({@code kind} in the delivery log). */
public final class MailKinds {
    /** The notices of one member in one window of {@code kyoso.mail.instant-window}. */
    public static final String INSTANT = "INSTANT";
    /** The daily digest of one member. */
    public static final String DIGEST = "DIGEST";
    /** One announcement to every member who wants mail at once, expanded page by page by the worker. */
    public static final String ANNOUNCEMENT = "ANNOUNCEMENT";
    /** Asked for by members-service, rendered when the command came. */
    public static final String VERIFICATION = "VERIFICATION";
    public static final String ALREADY_REGISTERED = "ALREADY_REGISTERED";
    /** A first-post nudge a moderator sent (SendNudge), rendered when the command came; one per nudgeId. */
    public static final String NUDGE = "NUDGE";
    /** An invitation to the successor a leaver named by address (SendHandoverInvitationMail); one per handoverId. */
    public static final String HANDOVER_INVITATION = "HANDOVER_INVITATION";

    private MailKinds() {
    }
}
