package jp.kyoso.notifications.subscription;

/** How closely a member follows a channel or a post. */
public enum WatchLevel {
    /** Every new post of a channel; every reply of a post. */
    WATCHING,
    /** Only what concerns the member directly (mentions, replies and reactions to their own posts). */
    NORMAL,
    /** Nothing from this channel or post except announcements. */
    MUTED
}
