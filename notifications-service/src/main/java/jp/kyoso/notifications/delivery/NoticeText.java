package jp.kyoso.notifications.delivery;

import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.inbox.NotificationItem;

/**
 * One line that says what a notice is about, in Japanese and in English, for mails and Slack. The lines are in the
 * message file ({@code delivery.notice.*}); each is given the same arguments, see {@link #arguments}.
 */
public final class NoticeText {
    private NoticeText() {
    }

    public static String japanese(NotificationItem item) {
        Object[] arguments = arguments(item, Messages.get("delivery.notice.someone.ja"));
        return switch (item.type()) {
            case REPLY -> Messages.get("delivery.notice.reply.ja", arguments);
            case MENTION -> Messages.get("delivery.notice.mention.ja", arguments);
            case WATCHED_CHANNEL_POST -> Messages.get("delivery.notice.watched-channel-post.ja", arguments);
            case REACTION -> Messages.get("delivery.notice.reaction.ja", arguments);
            case ANNOUNCEMENT -> Messages.get("delivery.notice.announcement.ja", arguments);
            case WELCOME -> Messages.get("delivery.notice.welcome.ja", arguments);
            case FIRST_POST_NUDGE -> Messages.get("delivery.notice.first-post-nudge.ja", arguments);
            case REPORT -> Messages.get("delivery.notice.report.ja", arguments);
            case SESSION_REMINDER -> Messages.get("delivery.notice.session-reminder.ja", arguments);
            case SESSION_FOLLOW_UP -> Messages.get("delivery.notice.session-follow-up.ja", arguments);
            case POST_HIDDEN -> Messages.get("delivery.notice.post-hidden.ja", arguments);
            case ANSWER_CHOSEN -> Messages.get("delivery.notice.answer-chosen.ja", arguments);
            case HANDOVER_RECEIVED -> Messages.get("delivery.notice.handover-received.ja", arguments);
            case POST_FLAGGED_OUTDATED -> Messages.get("delivery.notice.post-flagged-outdated.ja", arguments);
        };
    }

    public static String english(NotificationItem item) {
        Object[] arguments = arguments(item, Messages.get("delivery.notice.someone.en"));
        return switch (item.type()) {
            case REPLY -> Messages.get("delivery.notice.reply.en", arguments);
            case MENTION -> Messages.get("delivery.notice.mention.en", arguments);
            case WATCHED_CHANNEL_POST -> Messages.get("delivery.notice.watched-channel-post.en", arguments);
            case REACTION -> Messages.get("delivery.notice.reaction.en", arguments);
            case ANNOUNCEMENT -> Messages.get("delivery.notice.announcement.en", arguments);
            case WELCOME -> Messages.get("delivery.notice.welcome.en", arguments);
            case FIRST_POST_NUDGE -> Messages.get("delivery.notice.first-post-nudge.en", arguments);
            case REPORT -> Messages.get("delivery.notice.report.en", arguments);
            case SESSION_REMINDER -> Messages.get("delivery.notice.session-reminder.en", arguments);
            case SESSION_FOLLOW_UP -> Messages.get("delivery.notice.session-follow-up.en", arguments);
            case POST_HIDDEN -> Messages.get("delivery.notice.post-hidden.en", arguments);
            case ANSWER_CHOSEN -> Messages.get("delivery.notice.answer-chosen.en", arguments);
            case HANDOVER_RECEIVED -> Messages.get("delivery.notice.handover-received.en", arguments);
            case POST_FLAGGED_OUTDATED -> Messages.get("delivery.notice.post-flagged-outdated.en", arguments);
        };
    }

    /**
     * {0} the actor's name ({@code unknown} when there is none), {1} the title, {2} the channel, {3} the extra (the
     * reaction, the report count): all as text, so that MessageFormat writes them as they are.
     */
    private static Object[] arguments(NotificationItem item, String unknown) {
        String actor = item.actor() == null || item.actor().displayName() == null ? unknown
                : item.actor().displayName();
        return new Object[] {actor, nullToEmpty(item.title()), String.valueOf(item.channel()),
                nullToEmpty(item.extra())};
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
