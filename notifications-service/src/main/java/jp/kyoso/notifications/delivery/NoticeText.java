package jp.kyoso.notifications.delivery;

import jp.kyoso.notifications.inbox.NotificationItem;

/** One line that says what a notice is about, in Japanese and in English, for mails and Slack. */
public final class NoticeText {
    private NoticeText() {
    }

    public static String japanese(NotificationItem item) {
        String actor = actorName(item, "あるメンバー");
        String title = "「" + nullToEmpty(item.title()) + "」";
        return switch (item.type()) {
            case REPLY -> actor + " さんが " + title + " に返信しました";
            case MENTION -> actor + " さんが " + title + " であなたをメンションしました";
            case WATCHED_CHANNEL_POST -> "#" + item.channel() + " に新しい投稿があります: " + title;
            case REACTION -> actor + " さんが " + title + " に " + nullToEmpty(item.extra()) + " でリアクションしました";
            case ANNOUNCEMENT -> "お知らせ: " + title;
            case WELCOME -> "共創へようこそ";
            case FIRST_POST_NUDGE -> "最初の投稿をしてみませんか";
            case REPORT -> title + " が通報されました（" + nullToEmpty(item.extra()) + " 件目）";
            case SESSION_REMINDER -> "参加予定の勉強会のお知らせ: " + title;
            case SESSION_FOLLOW_UP -> title + " に参加ありがとうございました。ふりかえりをこのスレッドに書きませんか";
            case POST_HIDDEN -> "あなたの投稿 " + title + " はモデレーターにより非表示になりました";
            case ANSWER_CHOSEN -> "あなたの返信が『" + nullToEmpty(item.title()) + "』の回答に選ばれました";
            case HANDOVER_RECEIVED -> actor + "さんから「" + nullToEmpty(item.title()) + "」の引き継ぎが届きました";
            case POST_FLAGGED_OUTDATED -> "『" + nullToEmpty(item.title()) + "』に「情報が古い可能性がある」との報告がありました";
        };
    }

    public static String english(NotificationItem item) {
        String actor = actorName(item, "A member");
        String title = "“" + nullToEmpty(item.title()) + "”";
        return switch (item.type()) {
            case REPLY -> actor + " replied to " + title;
            case MENTION -> actor + " mentioned you in " + title;
            case WATCHED_CHANNEL_POST -> "New post in #" + item.channel() + ": " + title;
            case REACTION -> actor + " reacted " + nullToEmpty(item.extra()) + " to " + title;
            case ANNOUNCEMENT -> "Announcement: " + title;
            case WELCOME -> "Welcome to Kyoso";
            case FIRST_POST_NUDGE -> "How about writing your first post?";
            case REPORT -> title + " was reported (report " + nullToEmpty(item.extra()) + ")";
            case SESSION_REMINDER -> "Reminder of your study session: " + title;
            case SESSION_FOLLOW_UP -> "Thanks for coming to " + title + ": share what you learned in the thread";
            case POST_HIDDEN -> "A moderator hid your post " + title;
            case ANSWER_CHOSEN -> "Your reply was chosen as the answer to " + title;
            case HANDOVER_RECEIVED -> actor + " handed over " + title + " to you";
            case POST_FLAGGED_OUTDATED -> title + " was reported as possibly out of date";
        };
    }

    private static String actorName(NotificationItem item, String unknown) {
        return item.actor() == null || item.actor().displayName() == null ? unknown : item.actor().displayName();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
