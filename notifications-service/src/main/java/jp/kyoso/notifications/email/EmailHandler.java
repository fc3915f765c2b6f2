package jp.kyoso.notifications.email;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryHandler;
import jp.kyoso.notifications.delivery.Outcome;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Sends one queued mail. Notice mails (INSTANT, DIGEST) are rendered at sending time from the stored notices and the
 * member's current address; command mails (verification, already registered, a moderator's nudge) were rendered when
 * the command came,
 * because their data lives only in the command; an announcement is expanded page by page by {@link AnnouncementSender}.
 */
@Component
class EmailHandler implements DeliveryHandler {
    private final MailGateway gateway;
    private final MailTemplates templates;
    private final MemberDirectory members;
    private final InboxStore inbox;
    private final AnnouncementSender announcements;

    EmailHandler(MailGateway gateway, MailTemplates templates, MemberDirectory members, InboxStore inbox,
                 AnnouncementSender announcements) {
        this.gateway = gateway;
        this.templates = templates;
        this.members = members;
        this.inbox = inbox;
        this.announcements = announcements;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Duration longestAttempt() {
        return gateway.longestSend();
    }

    @Override
    public Outcome attempt(Document delivery) {
        String kind = delivery.getString("kind");
        if (MailKinds.VERIFICATION.equals(kind) || MailKinds.ALREADY_REGISTERED.equals(kind)
                || MailKinds.NUDGE.equals(kind) || MailKinds.HANDOVER_INVITATION.equals(kind)) {
            String text = delivery.getString("text");
            if (text == null) {
                return Outcome.sent(new Document());
            }
            Mail mail = new Mail(delivery.getString("to"), delivery.getString("subject"), text);
            return send(mail, messageId(delivery.getString("_id")), new Document());
        }
        if (MailKinds.ANNOUNCEMENT.equals(kind)) {
            return announcements.sendNextPage(delivery);
        }
        return sendNotices(delivery, kind);
    }

    private Outcome sendNotices(Document delivery, String kind) {
        Set<String> all = new LinkedHashSet<>(delivery.getList("notificationIds", String.class, List.of()));
        Date windowStart = delivery.getDate(InstantMails.WINDOW_START);
        Date windowEnd = delivery.getDate(InstantMails.WINDOW_END);
        if (windowStart != null && windowEnd != null) {
            // an INSTANT mail reads its window's notices now (InstantMails)
            all.addAll(inbox.inInstantMail(delivery.getString("memberId"), windowStart.toInstant(),
                    windowEnd.toInstant()));
        }
        Set<String> unsent = new LinkedHashSet<>(all);
        List<String> mailed = new ArrayList<>(delivery.getList("mailedIds", String.class, List.of()));
        unsent.removeAll(mailed);
        if (unsent.isEmpty()) {
            return Outcome.sent(new Document());
        }
        Member member = members.find(delivery.getString("memberId"));
        if (member == null || member.email() == null || member.deactivated()) {
            return Outcome.failed(Messages.get("email.delivery.no-address"));
        }
        boolean digest = MailKinds.DIGEST.equals(kind);
        // a notice mail reads only the notices it lists (collected in order, so the last ids are the newest) and
        // counts the rest: a watcher of a busy thread collects hundreds in one window
        List<String> unsentIds = new ArrayList<>(unsent);
        List<String> toList = digest ? unsentIds
                : unsentIds.subList(Math.max(0, unsentIds.size() - MailTemplates.LISTED_NOTICES), unsentIds.size());
        List<NotificationItem> items = inbox.findByIds(toList);
        if (digest) {
            // a digest lists unread notices: what was read since the digest was put together is left out
            items = items.stream().filter(item -> !item.read()).toList();
        }
        mailed.addAll(unsent);
        // notificationIds stays as collected (an announcement's notice may be added to it meanwhile): mailedIds says
        // what this mail carried
        Document changes = new Document("mailedIds", mailed).append("recipient", MailAddresses.mask(member.email()));
        if (items.isEmpty()) {
            return Outcome.sent(changes.append("note", Messages.get("email.delivery.nothing-left")));
        }
        int total = items.size() + unsentIds.size() - toList.size();
        Mail mail = digest
                ? templates.digest(member.email(), member.displayName(), delivery.getString("day"), items)
                : templates.notices(member.email(), member.displayName(), items, total);
        changes.append("subject", mail.subject()).append("noticeCount", digest ? items.size() : total);
        return send(mail, messageId(delivery.getString("_id") + "|" + String.join(",", unsent)), changes);
    }

    private Outcome send(Mail mail, String messageId, Document changes) {
        MailGateway.Result result;
        try {
            result = gateway.sendAll(List.of(new MailGateway.Outgoing(mail, messageId))).get(0);
        } catch (CallNotPermittedException e) {
            return circuitOpen(gateway);
        }
        return switch (result.status()) {
            case SENT -> Outcome.sent(changes);
            case UNREACHABLE -> Outcome.unreachable(result.error());
            case REJECTED -> Outcome.failed(result.error());
            case TEMPORARY -> Outcome.retry(result.error());
        };
    }

    static Outcome circuitOpen(MailGateway gateway) {
        return Outcome.unavailable(Messages.get("email.delivery.circuit-open"), gateway.openCircuitWait());
    }

    static String messageId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@kyoso.local>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
