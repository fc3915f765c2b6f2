package jp.kyoso.notifications.inbox;

import java.util.EnumSet;
import java.util.Set;

/** What a notice is about. API.md lists them; the order of declaration is irrelevant, priorities live in the rules. */
public enum NotificationType {
    REPLY, MENTION, WATCHED_CHANNEL_POST, REACTION, ANNOUNCEMENT, WELCOME, FIRST_POST_NUDGE, REPORT;

    /** The types a member can switch off in the preferences ({@code types}); the others always arrive. */
    public static final Set<NotificationType> SWITCHABLE =
            EnumSet.of(MENTION, REPLY, WATCHED_CHANNEL_POST, REACTION, ANNOUNCEMENT);

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
