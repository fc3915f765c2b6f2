package jp.kyoso.notifications.email;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.NoticeText;
import jp.kyoso.notifications.delivery.WebLinks;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import org.springframework.stereotype.Component;

/**
 * The mails: Japanese first, English beside or below, plain text (UTF-8). Their words are in the message file
 * ({@code email.*}); this class chooses the pieces and fills them in.
 */
@Component
public class MailTemplates {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TOKYO);

    private final WebLinks links;

    public MailTemplates(WebLinks links) {
        this.links = links;
    }

    /** The token appears in the link and on a line of its own, for people whose mail client breaks links. */
    public Mail verification(String to, String displayName, String token, Instant expiresAt) {
        String link = links.verify(token);
        String text = Messages.get("email.verification.body", greetingJa(displayName), link, token,
                validUntilJa(expiresAt), greetingEn(displayName), validUntilEn(expiresAt));
        return new Mail(to, subject(Messages.get("email.verification.subject")), text);
    }

    public Mail alreadyRegistered(String to, String displayName) {
        String text = Messages.get("email.already-registered.body", greetingJa(displayName), links.login(),
                greetingEn(displayName));
        return new Mail(to, subject(Messages.get("email.already-registered.subject")), text);
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
        String count = String.valueOf(total);
        String subject = total == 1
                ? Messages.get("email.notices.subject.one", NoticeText.japanese(items.get(0)),
                        NoticeText.english(items.get(0)))
                : Messages.get("email.notices.subject.many", count);
        String intro = total == 1 ? Messages.get("email.notices.intro.one")
                : Messages.get("email.notices.intro.many", count);
        return new Mail(to, subject(subject), body(displayName, intro, items, total));
    }

    public Mail digest(String to, String displayName, String day, List<NotificationItem> items) {
        String count = String.valueOf(items.size());
        String subject = Messages.get("email.digest.subject", day, count);
        String intro = Messages.get("email.digest.intro", count);
        return new Mail(to, subject(subject), body(displayName, intro, items, items.size()));
    }

    private String body(String displayName, String intro, List<NotificationItem> items, int total) {
        StringBuilder text = new StringBuilder();
        text.append(Messages.get("email.notices.opening", greetingJa(displayName), greetingEn(displayName), intro));
        List<NotificationItem> listed = items.subList(0, Math.min(items.size(), LISTED_NOTICES));
        for (NotificationItem item : listed) {
            String japanese = NoticeText.japanese(item);
            String english = NoticeText.english(item);
            text.append(item.snippet() == null || item.snippet().isBlank()
                    ? Messages.get("email.notices.item", japanese, english, linkOf(item))
                    : Messages.get("email.notices.item.with-snippet", japanese, english, linkOf(item),
                            item.snippet().replace('\n', ' ')));
        }
        if (total > listed.size()) {
            text.append(Messages.get("email.notices.more", String.valueOf(total - listed.size())));
        }
        text.append(Messages.get("email.notices.all-link", links.notifications()));
        text.append(Messages.get("email.settings-link", links.settings()));
        return text.toString();
    }

    /**
     * A first-post nudge a moderator sent (SendNudge): their title as the subject, their text as it is, and the link
     * to the self-introduction composer.
     */
    public Mail nudge(String to, String title, String body) {
        String text = Messages.get("email.nudge.body", body.strip(), links.introduce(),
                Messages.get("email.settings-link", links.settings()));
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
        boolean unnamed = invitation.predecessorName() == null || invitation.predecessorName().isBlank();
        String name = unnamed ? Messages.get("email.handover.predecessor.unnamed.ja")
                : Messages.get("email.handover.predecessor.named.ja", invitation.predecessorName());
        String nameEn = unnamed ? Messages.get("email.handover.predecessor.unnamed.en") : invitation.predecessorName();
        String from = invitation.from();
        String since = from == null ? "" : Messages.get("email.handover.since.ja", from);
        String sinceEn = from == null ? "" : Messages.get("email.handover.since.en", from);
        String note = invitation.note() == null || invitation.note().isBlank() ? null : invitation.note().strip();
        String noteJa = note == null ? "" : Messages.get("email.handover.note.ja", name, note);
        String noteEn = note == null ? "" : Messages.get("email.handover.note.en", nameEn, note);
        String text = Messages.get("email.handover.body", name, invitation.job(), since, noteJa, link,
                invitation.invitationCode(), validUntilJa(invitation.expiresAt()), nameEn, sinceEn, noteEn,
                validUntilEn(invitation.expiresAt()));
        return new Mail(invitation.to(), subject(Messages.get("email.handover.subject", name, invitation.job(),
                nameEn)), text);
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

    private static String subject(String subject) {
        return Messages.get("email.subject", subject);
    }

    private static String greetingJa(String displayName) {
        return displayName == null || displayName.isBlank() ? Messages.get("email.greeting.unnamed.ja")
                : Messages.get("email.greeting.named.ja", displayName);
    }

    private static String greetingEn(String displayName) {
        return displayName == null || displayName.isBlank() ? Messages.get("email.greeting.unnamed.en")
                : Messages.get("email.greeting.named.en", displayName);
    }

    /** The line that says until when a link works, or nothing for a link that does not expire. */
    private static String validUntilJa(Instant expiresAt) {
        return expiresAt == null ? "" : Messages.get("email.valid-until.ja", JST.format(expiresAt));
    }

    private static String validUntilEn(Instant expiresAt) {
        return expiresAt == null ? "" : Messages.get("email.valid-until.en", JST.format(expiresAt));
    }
}
