package jp.kyoso.notifications.email;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.kyoso.notifications.delivery.NoticeText;
import jp.kyoso.notifications.delivery.WebLinks;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import org.springframework.stereotype.Component;

/** The mails' texts: Japanese first, English beside or below, plain text (UTF-8). */
@Component
public class MailTemplates {
    private static final String PREFIX = "[共創 Kyoso] ";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TOKYO);

    private final WebLinks links;

    public MailTemplates(WebLinks links) {
        this.links = links;
    }

    /** The token appears in the link and on a line of its own, for people whose mail client breaks links. */
    public Mail verification(String to, String displayName, String token, Instant expiresAt) {
        String link = links.verify(token);
        String expiry = expiresAt == null ? "" : JST.format(expiresAt) + " (JST)";
        String text = greetingJa(displayName) + "\n\n"
                + "共創 (Kyoso) へのご登録ありがとうございます。\n"
                + "次のリンクを開いて、メールアドレスの確認を完了してください。\n\n"
                + link + "\n\n"
                + "リンクを開けない場合は、確認画面で次の確認コードを入力してください。\n\n"
                + token + "\n\n"
                + (expiresAt == null ? "" : "有効期限: " + expiry + "\n")
                + "このメールに心当たりがない場合は、何もせずに破棄してください。\n\n"
                + "----\n"
                + greetingEn(displayName) + "\n\n"
                + "Thank you for registering with Kyoso (共創).\n"
                + "Open the link below to verify your email address:\n\n"
                + link + "\n\n"
                + "If the link does not open, enter this verification code on the verification page:\n\n"
                + token + "\n\n"
                + (expiresAt == null ? "" : "Valid until: " + expiry + "\n")
                + "If you did not register, simply ignore this mail.\n";
        return new Mail(to, PREFIX + "メールアドレスの確認 / Please verify your email address", text);
    }

    public Mail alreadyRegistered(String to, String displayName) {
        String text = greetingJa(displayName) + "\n\n"
                + "このメールアドレスで共創 (Kyoso) への新規登録が試みられましたが、このアドレスはすでに登録されています。\n"
                + "ご自身の操作であれば、新しく登録し直す必要はありません。次のページからログインしてください。\n\n"
                + links.login() + "\n\n"
                + "心当たりがない場合は、このメールを破棄してください。アカウントは変更されていません。\n\n"
                + "----\n"
                + greetingEn(displayName) + "\n\n"
                + "Someone tried to register with Kyoso (共創) using this email address, which is already registered.\n"
                + "If it was you, there is no need to register again: log in here:\n\n"
                + links.login() + "\n\n"
                + "If it was not you, you can ignore this mail. Your account has not been changed.\n";
        return new Mail(to, PREFIX + "このメールアドレスは登録済みです / This email address is already registered",
                text);
    }

    /**
     * At most this many notices are listed in one mail, the newest; the rest are counted and left to the inbox. A busy
     * thread can give a watcher hundreds of notices in one window, and nobody reads a mail that long.
     */
    public static final int LISTED_NOTICES = 30;

    /** The notices one INSTANT mail carries (usually one; several when they arrived close together). */
    public Mail notices(String to, String displayName, List<NotificationItem> items) {
        return notices(to, displayName, items, items.size());
    }

    /**
     * An INSTANT mail for {@code total} notices of which {@code items} (newest first) are the ones to list: the first
     * {@link #LISTED_NOTICES} of them are.
     */
    public Mail notices(String to, String displayName, List<NotificationItem> items, int total) {
        String subject = total == 1
                ? PREFIX + NoticeText.japanese(items.get(0)) + " / " + NoticeText.english(items.get(0))
                : PREFIX + "新しい通知が " + total + " 件あります / " + total + " new notifications";
        String intro = total == 1 ? "新しい通知があります。 / You have a new notification."
                : "新しい通知が " + total + " 件あります。 / You have " + total + " new notifications.";
        return new Mail(to, subject, body(displayName, intro, items, total));
    }

    public Mail digest(String to, String displayName, String day, List<NotificationItem> items) {
        String subject = PREFIX + day + " の通知のまとめ（" + items.size() + " 件） / Your digest for " + day
                + " (" + items.size() + ")";
        String intro = "前回のまとめ以降の未読の通知です（" + items.size() + " 件）。 / Unread notifications since your "
                + "last digest (" + items.size() + ").";
        return new Mail(to, subject, body(displayName, intro, items, items.size()));
    }

    private String body(String displayName, String intro, List<NotificationItem> items, int total) {
        StringBuilder text = new StringBuilder();
        text.append(greetingJa(displayName)).append(" / ").append(greetingEn(displayName)).append("\n\n");
        text.append(intro).append("\n\n");
        List<NotificationItem> listed = items.subList(0, Math.min(items.size(), LISTED_NOTICES));
        for (NotificationItem item : listed) {
            text.append("■ ").append(NoticeText.japanese(item)).append("\n");
            text.append("  ").append(NoticeText.english(item)).append("\n");
            if (item.snippet() != null && !item.snippet().isBlank()) {
                text.append("  ").append(item.snippet().replace('\n', ' ')).append("\n");
            }
            text.append("  ").append(linkOf(item)).append("\n\n");
        }
        if (total > listed.size()) {
            text.append("ほか ").append(total - listed.size()).append(" 件は通知一覧でご覧ください。 / ")
                    .append(total - listed.size()).append(" more in your notifications.\n\n");
        }
        text.append("すべての通知 / All notifications: ").append(links.notifications()).append("\n");
        text.append("通知の設定 / Notification settings: ").append(links.settings()).append("\n");
        return text.toString();
    }

    /**
     * A first-post nudge a moderator sent (SendNudge): their title as the subject, their text as it is, and the link
     * to the self-introduction composer.
     */
    public Mail nudge(String to, String title, String body) {
        String text = body.strip() + "\n\n"
                + "自己紹介を書く / Introduce yourself: " + links.introduce() + "\n\n"
                + "----\n"
                + "通知の設定 / Notification settings: " + links.settings() + "\n";
        return new Mail(to, title.strip(), text);
    }

    /** What a handover invitation says: who hands over which job, the leaver's note, the link and the expiry. */
    public record HandoverInvitation(String to, String predecessorName, String job, String from, String note,
                                     String registrationPath, String invitationCode, Instant expiresAt) {
        @Override
        public String toString() {
            // the code admits whoever holds it: never in a log line
            return "HandoverInvitation[job=" + job + "]";
        }
    }

    /**
     * The invitation to the successor a leaver named by address (SendHandoverInvitationMail): transactional, to an
     * address that is not a member's. The code appears in the link and on a line of its own, like the verification
     * token, for people whose mail client breaks links.
     */
    public Mail handoverInvitation(HandoverInvitation invitation) {
        String link = links.path(invitation.registrationPath());
        String name = invitation.predecessorName() == null || invitation.predecessorName().isBlank()
                ? "前任の方" : invitation.predecessorName() + "さん";
        String nameEn = invitation.predecessorName() == null || invitation.predecessorName().isBlank()
                ? "Your predecessor" : invitation.predecessorName();
        String since = invitation.from() == null ? "" : "（" + invitation.from() + "〜）";
        String sinceEn = invitation.from() == null ? "" : " (since " + invitation.from() + ")";
        String expiry = invitation.expiresAt() == null ? null : JST.format(invitation.expiresAt()) + " (JST)";
        String note = invitation.note() == null || invitation.note().isBlank() ? null : invitation.note().strip();
        String text = "こんにちは\n\n"
                + name + "から、共創 (Kyoso) で「" + invitation.job() + "」" + since + "の引き継ぎが届いています。\n"
                + "共創は自治体職員が質問や知見を共有する場です。登録すると、" + name + "がこの業務で質問・回答したスレッドを"
                + "読み、見守っていたスレッドを引き継げます。\n\n"
                + (note == null ? "" : "■ " + name + "からのメモ\n" + note + "\n\n")
                + "次のリンクを開き、このメールアドレスで登録してください。\n\n"
                + link + "\n\n"
                + "リンクを開けない場合は、登録画面で次の招待コードを入力してください。\n\n"
                + invitation.invitationCode() + "\n\n"
                + (expiry == null ? "" : "有効期限: " + expiry + "\n")
                + "このメールに心当たりがない場合は、何もせずに破棄してください。\n\n"
                + "----\n"
                + "Hello,\n\n"
                + nameEn + " has handed over “" + invitation.job() + "”" + sinceEn
                + " to you on Kyoso (共創), where public-sector staff share questions and know-how.\n"
                + "Register to read the threads " + nameEn + " asked and answered in this job and to take over the "
                + "threads they watched.\n\n"
                + (note == null ? "" : "Note from " + nameEn + " (as written above):\n" + note + "\n\n")
                + "Open the link below and register with this email address:\n\n"
                + link + "\n\n"
                + "If the link does not open, enter this invitation code on the registration page:\n\n"
                + invitation.invitationCode() + "\n\n"
                + (expiry == null ? "" : "Valid until: " + expiry + "\n")
                + "If this mail means nothing to you, simply ignore it.\n";
        return new Mail(invitation.to(), PREFIX + name + "から「" + invitation.job() + "」の引き継ぎが届いています / "
                + nameEn + " handed over “" + invitation.job() + "” to you", text);
    }

    private String linkOf(NotificationItem item) {
        if (item.type() == NotificationType.WELCOME || item.type() == NotificationType.FIRST_POST_NUDGE) {
            return links.introduce();
        }
        if (item.type() == NotificationType.HANDOVER_RECEIVED) {
            return links.handover();
        }
        if (item.type() == NotificationType.POST_HIDDEN) {
            // the post itself is hidden from its author
            return links.notifications();
        }
        if (item.postId() != null && item.type().aboutSession()) {
            return links.session(item.postId());
        }
        if (item.postId() != null) {
            return links.post(item.postId(), item.replyId());
        }
        return links.home();
    }

    private static String greetingJa(String displayName) {
        return displayName == null || displayName.isBlank() ? "こんにちは" : displayName + " さん";
    }

    private static String greetingEn(String displayName) {
        return displayName == null || displayName.isBlank() ? "Hello," : "Hello " + displayName + ",";
    }
}
