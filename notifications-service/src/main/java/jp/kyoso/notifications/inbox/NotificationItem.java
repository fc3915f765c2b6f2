package jp.kyoso.notifications.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A notice as the API, the live stream, mails and Slack show it. {@code actor} is never null. */
public record NotificationItem(String id, NotificationType type, boolean read, Instant createdAt, Actor actor,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String postId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String replyId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
                               String title, String snippet,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String extra) {

    public NotificationItem {
        actor = actor == null ? Actor.SYSTEM : actor;
    }

    public static NotificationItem of(String id, NotificationType type, Instant createdAt, NotificationContent content) {
        return new NotificationItem(id, type, false, createdAt, content.actor(), content.postId(), content.replyId(),
                content.channel(), content.title(), content.snippet(), content.extra());
    }
}
