package jp.kyoso.notifications.slack;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.delivery.NoticeText;
import jp.kyoso.notifications.delivery.WebLinks;
import jp.kyoso.notifications.inbox.NotificationItem;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Queues Slack messages: one delivery per message, with a key that a second delivery of the same event hits. The
 * delivery keeps the webhook URL sealed ({@link WebhookSecrets}); its line key is a hash of it and its {@code recipient}
 * the masked form.
 */
@Component
public class SlackMessages {
    public static final String MEMBER_WEBHOOK = "MEMBER_WEBHOOK";
    public static final String CHANNEL_MIRROR = "CHANNEL_MIRROR";

    private final DeliveryStore deliveries;
    private final DeliveryWorkers workers;
    private final WebLinks links;
    private final Clock clock;
    private final WebhookSecrets webhooks;

    public SlackMessages(DeliveryStore deliveries, DeliveryWorkers workers, WebLinks links, Clock clock,
                         WebhookSecrets webhooks) {
        this.deliveries = deliveries;
        this.workers = workers;
        this.links = links;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    /** @param eventId the event of the notice: its deliveries are counted by it (an announcement's progress) */
    public record ToMember(String memberId, String eventId, String webhookUrl, NotificationItem item) {
    }

    /** A notice for members who get their notices in Slack too. */
    public void queueNotices(List<ToMember> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(messages.size());
        long order = order();
        for (ToMember message : messages) {
            NotificationItem item = message.item();
            String text = escape(NoticeText.japanese(item)) + "\n" + escape(NoticeText.english(item))
                    + snippetLine(item.snippet()) + "\n"
                    + (item.type() == jp.kyoso.notifications.inbox.NotificationType.HANDOVER_RECEIVED ? links.handover()
                    : item.postId() == null
                    || item.type() == jp.kyoso.notifications.inbox.NotificationType.POST_HIDDEN ? links.notifications()
                    : item.type().aboutSession() ? links.session(item.postId())
                    : links.post(item.postId(), item.replyId()));
            documents.add(DeliveryStore.newDelivery("slack:" + item.id(), Channel.SLACK, MEMBER_WEBHOOK,
                    message.memberId()).append("eventId", message.eventId())
                    .append("webhookUrl", webhooks.seal(message.webhookUrl())).append("text", text)
                    .append("webhookKey", WebhookThrottle.key(message.webhookUrl())).append(DeliveryStore.ORDER, order)
                    .append("recipient", WebhookUrls.mask(message.webhookUrl()))
                    .append("notificationIds", List.of(item.id())));
        }
        deliveries.createAll(documents, clock.instant());
        workers.wakeUp(Channel.SLACK);
    }

    /** A new post of a channel that a moderator mirrors to an organisation's Slack channel. */
    public void queueMirror(String slug, String eventId, String webhookUrl, String postId, String title,
                            String excerpt) {
        String text = Messages.get("slack.mirror.text", escape(slug), escape(title), snippetLine(excerpt),
                links.post(postId, null));
        Document delivery = DeliveryStore.newDelivery("slack:mirror:" + slug + ":" + eventId, Channel.SLACK,
                CHANNEL_MIRROR, null).append("eventId", eventId).append("webhookUrl", webhooks.seal(webhookUrl))
                .append("text", text)
                .append("webhookKey", WebhookThrottle.key(webhookUrl)).append(DeliveryStore.ORDER, order())
                .append("recipient", WebhookUrls.mask(webhookUrl)).append("channelSlug", slug);
        if (deliveries.create(delivery, clock.instant())) {
            workers.wakeUp(Channel.SLACK);
        }
    }

    /** Where a message stands in its webhook's line: messages to one webhook leave in the order they were queued. */
    private long order() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String snippetLine(String snippet) {
        return snippet == null || snippet.isBlank() ? "" : "\n> " + escape(snippet.replace('\n', ' '));
    }

    /** Slack's mrkdwn reserves these three characters. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
