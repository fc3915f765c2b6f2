package jp.kyoso.notifications.handover;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.regex.Pattern;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStatus;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.email.Mail;
import jp.kyoso.notifications.email.MailAddresses;
import jp.kyoso.notifications.email.MailKinds;
import jp.kyoso.notifications.email.MailTemplates;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code kyoso.notifications.SendHandoverInvitationMail.v1}: the mail to the successor a leaver named by an address
 * that is not a member's. Transactional (the recipient has no preferences), rendered when the command comes and sent
 * through the persisted queue like the verification mail. Exactly one per {@code handoverId}, whatever the command's
 * id: the delivery's id is {@code email:handover-invitation:<handoverId>}, created once.
 *
 * <p>The invitation code admits whoever holds it: it is in the mail's text and nowhere else (never in a log line, nor
 * in an exception message). The delivery carries {@code predecessorId}, so that the leaver's deactivation takes the
 * mail's text (their name and note, and the code) with it, as members-service withdraws the invitation.
 */
@Component
public class HandoverInvitationMails {
    /** Letters, digits and hyphens, as members-service makes codes ({@code ABCD-EFGH-...}); anything else is refused. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{8,64}");
    /** A path of the web client with a query, no scheme or host: the link can only lead to the configured site. */
    private static final Pattern PATH = Pattern.compile("/(?!/)[A-Za-z0-9/_.?=&%-]{0,200}");

    private final MailTemplates templates;
    private final DeliveryStore deliveries;
    private final DeliveryWorkers workers;
    private final MongoTemplate mongo;
    private final Clock clock;

    HandoverInvitationMails(MailTemplates templates, DeliveryStore deliveries, DeliveryWorkers workers,
                            MongoTemplate mongo, Clock clock) {
        this.templates = templates;
        this.deliveries = deliveries;
        this.workers = workers;
        this.mongo = mongo;
        this.clock = clock;
    }

    public static boolean isInvitation(InboundEvent command) {
        return command.type().endsWith(".SendHandoverInvitationMail.v1");
    }

    public void send(InboundEvent command) {
        String handoverId = EventFields.required(command, "handoverId");
        String predecessorId = EventFields.required(command, "predecessorId");
        String code = EventFields.required(command, "invitationCode");
        if (!CODE.matcher(code).matches()) {
            throw new InvalidEventException("command " + command.id() + " has an invitation code of the wrong form");
        }
        String path = EventFields.required(command, "registrationPath");
        if (!PATH.matcher(path).matches()) {
            throw new InvalidEventException("command " + command.id() + " has a registration path that is not one");
        }
        JsonNode position = command.data().get("position");
        String expiresAt = command.text("expiresAt");
        Mail mail = templates.handoverInvitation(new MailTemplates.HandoverInvitation(address(command),
                command.text("predecessorName"), HandoverProjection.job(text(position, "organization"),
                text(position, "department")), text(position, "from"), command.text("note"), path, code,
                expiresAt == null ? null : EventFields.time(command, "expiresAt")));
        Document delivery = DeliveryStore.newDelivery("email:handover-invitation:" + handoverId, Channel.EMAIL,
                MailKinds.HANDOVER_INVITATION, null).append("predecessorId", predecessorId)
                .append("handoverId", handoverId).append("to", mail.to()).append("subject", mail.subject())
                .append("text", mail.text()).append("recipient", MailAddresses.mask(mail.to()));
        if (deliveries.create(delivery, clock.instant())) {
            workers.wakeUp(Channel.EMAIL);
        }
    }

    /** The leaver has left: an invitation not sent yet is not sent, and no copy of its text stays. */
    void erase(String predecessorId) {
        Query theirs = Query.query(Criteria.where("kind").is(MailKinds.HANDOVER_INVITATION)
                .and("predecessorId").is(predecessorId));
        mongo.updateMulti(Query.query(Criteria.where("kind").is(MailKinds.HANDOVER_INVITATION)
                        .and("predecessorId").is(predecessorId)
                        .and("status").in(DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name())),
                new Update().set("status", DeliveryStatus.FAILED.name())
                        .set("lastError", Messages.get("handover.leaver-left")),
                DeliveryStore.COLLECTION);
        mongo.updateMulti(theirs, new Update().unset("to").unset("recipient").unset("text").unset("subject"),
                DeliveryStore.COLLECTION);
    }

    private static String address(InboundEvent command) {
        String email = EventFields.required(command, "email");
        try {
            return new InternetAddress(email, true).getAddress();
        } catch (AddressException e) {
            throw new InvalidEventException("command " + command.id() + " has an invalid mail address");
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
