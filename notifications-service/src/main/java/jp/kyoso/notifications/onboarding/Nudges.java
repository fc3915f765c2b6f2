package jp.kyoso.notifications.onboarding;

import java.time.Clock;
import java.util.List;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.email.Mail;
import jp.kyoso.notifications.email.MailAddresses;
import jp.kyoso.notifications.email.MailKinds;
import jp.kyoso.notifications.email.MailTemplates;
import jp.kyoso.notifications.fanout.Candidate;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.fanout.Notifier;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.InboxStore.StoredNotice;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.platform.consumer.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * {@code kyoso.notifications.SendNudge.v1}: a moderator asks a member who never posted to introduce themself. One
 * FIRST_POST_NUDGE notice with the moderator's title and the first 200 characters of their text, and, for a member
 * who wants mail at once, one mail with that title as subject and the whole text.
 *
 * <p>Exactly once per {@code nudgeId}, whatever the command's id: the notice's key is {@code nudge:<nudgeId>} (so its
 * id {@code <memberId>:nudge:<nudgeId>} can be inserted once, by any instance) and the mail's delivery id is
 * {@code email:nudge:<nudgeId>} (created once). A redelivery, a retry after a failure between the two, or a second
 * instance only meet what is already there. DAILY_DIGEST puts the notice in the digest, OFF sends no mail; the type
 * cannot be switched off (like the automatic nudge). Nothing for a member who has left.
 */
@Component
public class Nudges {
    static final int SNIPPET = 200;

    private final Notifier notifier;
    private final MemberDirectory members;
    private final MailTemplates templates;
    private final DeliveryStore deliveries;
    private final DeliveryWorkers workers;
    private final Clock clock;

    public Nudges(Notifier notifier, MemberDirectory members, MailTemplates templates, DeliveryStore deliveries,
                  DeliveryWorkers workers, Clock clock) {
        this.notifier = notifier;
        this.members = members;
        this.templates = templates;
        this.deliveries = deliveries;
        this.workers = workers;
        this.clock = clock;
    }

    public void send(InboundEvent command) {
        String nudgeId = EventFields.required(command, "nudgeId");
        String memberId = EventFields.required(command, "memberId");
        String title = EventFields.required(command, "title").strip();
        String body = EventFields.required(command, "body").strip();
        Member member = members.find(memberId);
        if (member != null && member.deactivated()) {
            return;
        }
        String snippet = body.length() > SNIPPET ? body.substring(0, SNIPPET) : body;
        NotificationContent content = new NotificationContent("nudge:" + nudgeId, null, null, null, null, title,
                snippet, null);
        List<StoredNotice> stored = notifier.notifyWithOwnMail(content,
                new Candidate(memberId, List.of(NotificationType.FIRST_POST_NUDGE)));
        // the automatic nudge after a while is not needed any more
        members.nudged(memberId);
        boolean instant = stored.stream().anyMatch(n -> InboxStore.INSTANT.equals(n.mailMode()));
        if (!instant || member == null || member.email() == null) {
            return;
        }
        Mail mail = templates.nudge(member.email(), title, body);
        var delivery = DeliveryStore.newDelivery("email:nudge:" + nudgeId, Channel.EMAIL, MailKinds.NUDGE, memberId)
                .append("to", mail.to()).append("subject", mail.subject()).append("text", mail.text())
                .append("recipient", MailAddresses.mask(mail.to()));
        if (deliveries.create(delivery, clock.instant())) {
            workers.wakeUp(Channel.EMAIL);
        }
    }
}
