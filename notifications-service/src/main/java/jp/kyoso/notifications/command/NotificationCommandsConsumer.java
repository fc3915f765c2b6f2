package jp.kyoso.notifications.command;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.email.Mail;
import jp.kyoso.notifications.email.MailAddresses;
import jp.kyoso.notifications.email.MailKinds;
import jp.kyoso.notifications.email.MailTemplates;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.handover.HandoverInvitationMails;
import jp.kyoso.notifications.onboarding.Nudges;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code notificationCommands}: {@code kyoso.notifications.commands.v1}. The mails other services ask for are
 * transactional: they go out whatever the member's preferences say, through the same persisted queue (with retries)
 * as every other mail. The delivery's key is the command's id, so a command delivered twice is one mail.
 * {@code SendNudge} is not transactional: it is a notice with the member's mail preference (see {@link Nudges}).
 * {@code SendHandoverInvitationMail} is one mail per handover (see {@link HandoverInvitationMails}).
 */
@Configuration
class NotificationCommandsConsumer {
    static final String NAME = "notifications-service.commands";
    /** What members-service makes (URL-safe base64); anything else is refused rather than sent broken. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,512}");

    @Bean
    Consumer<Message<String>> notificationCommands(ProcessedEvents processedEvents, MailTemplates templates,
                                                   DeliveryStore deliveries, DeliveryWorkers workers, Clock clock,
                                                   Nudges nudges, HandoverInvitationMails invitations,
                                                   TrustedSources trustedSources) {
        return message -> {
            // only members-service may ask for mail: a command from anyone else is a dead letter, never a mail
            InboundEvent command = trustedSources.accept(message);
            processedEvents.handleOnce(NAME, command, () -> {
                if (command.type().endsWith(".SendNudge.v1")) {
                    nudges.send(command);
                    return;
                }
                if (HandoverInvitationMails.isInvitation(command)) {
                    invitations.send(command);
                    return;
                }
                Mail mail;
                String kind;
                if (command.type().endsWith(".SendVerificationMail.v1")) {
                    String token = EventFields.required(command, "token");
                    if (!TOKEN.matcher(token).matches()) {
                        throw new InvalidEventException("command " + command.id() + " has a token that is not URL-safe");
                    }
                    String expiresAt = command.text("expiresAt");
                    mail = templates.verification(address(command), command.text("displayName"), token,
                            expiresAt == null ? null : EventFields.time(command, "expiresAt"));
                    kind = MailKinds.VERIFICATION;
                } else if (command.type().endsWith(".SendAlreadyRegisteredMail.v1")) {
                    mail = templates.alreadyRegistered(address(command), command.text("displayName"));
                    kind = MailKinds.ALREADY_REGISTERED;
                } else {
                    return;
                }
                Instant now = clock.instant();
                Document delivery = DeliveryStore.newDelivery("email:" + command.id(), Channel.EMAIL, kind,
                        command.text("memberId")).append("to", mail.to()).append("subject", mail.subject())
                        .append("text", mail.text()).append("recipient", MailAddresses.mask(mail.to()));
                if (deliveries.create(delivery, now)) {
                    workers.wakeUp(Channel.EMAIL);
                }
            });
        };
    }

    private static String address(InboundEvent command) {
        String email = EventFields.required(command, "email");
        try {
            InternetAddress address = new InternetAddress(email, true);
            return address.getAddress();
        } catch (AddressException e) {
            throw new InvalidEventException("command " + command.id() + " has an invalid mail address");
        }
    }
}
