package jp.kyoso.notifications.inbox;

import java.util.EnumSet;
import java.util.Set;

/** What a notice is about. API.md lists them; the order of declaration is irrelevant, priorities live in the rules. */
public enum NotificationType {
    REPLY, MENTION, WATCHED_CHANNEL_POST, REACTION, ANNOUNCEMENT, WELCOME, FIRST_POST_NUDGE, REPORT,
    /** A study session the member is GOING to starts soon (the day before, by default). */
    SESSION_REMINDER,
    /** After a study session, to those who attended: share what you learned in its thread. */
    SESSION_FOLLOW_UP,
    /** A moderator hid the member's post and gave a reason (the snippet). */
    POST_HIDDEN,
    /** The member's reply was chosen as the answer of a question (解決済み); the notice links to that reply. */
    ANSWER_CHOSEN,
    /** A leaver named the member as their successor (引き継ぎ); the notice links to the handover page. */
    HANDOVER_RECEIVED,
    /** Someone flagged the member's post, or a post they watch, as possibly out of date (要確認); the snippet says why. */
    POST_FLAGGED_OUTDATED;

    /** The types a member can switch off in the preferences ({@code types}); the others always arrive. */
    public static final Set<NotificationType> SWITCHABLE = EnumSet.of(MENTION, REPLY, WATCHED_CHANNEL_POST, REACTION,
            ANNOUNCEMENT, SESSION_REMINDER, SESSION_FOLLOW_UP, POST_HIDDEN, ANSWER_CHOSEN,
            HANDOVER_RECEIVED, POST_FLAGGED_OUTDATED);

    /** Notices about a study session: their links lead to the session's page. */
    public boolean aboutSession() {
        return this == SESSION_REMINDER || this == SESSION_FOLLOW_UP;
    }

    /**
     * Whether the notice also goes out by mail and Slack. The welcome is shown in the app only: the member has just
     * verified the address by mail and is looking at the site.
     */
    public boolean leavesTheApp() {
        return this != WELCOME;
    }

    /**
     * Whether the notice arrives even where the member MUTED the channel or the post: announcements are for everybody,
     * and moderators must hear of every report.
     */
    public boolean bypassesMute() {
        return this == ANNOUNCEMENT || this == REPORT;
    }
}
