package jp.kyoso.notifications.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;

/**
 * A record on {@code kyoso.notifications.stream.v1}: one notice, of one type, for many members. The notices of one
 * event differ only in their member (their id is {@code <memberId>:<eventId>}), so an announcement to 100,000 members
 * travels as a few records of member ids instead of 100,000 copies.
 *
 * @param origin the instance that stored the notices; it has shown them to its own streams already
 */
public record StreamSignal(String origin, String eventId, Instant createdAt, NotificationType type, Actor actor,
                           String postId, String replyId, String channel, String title, String snippet, String extra,
                           List<String> memberIds) {

    public static StreamSignal of(String origin, NotificationContent content, Instant createdAt, NotificationType type,
                                  List<String> memberIds) {
        return new StreamSignal(origin, content.eventId(), createdAt, type, content.actor(), content.postId(),
                content.replyId(), content.channel(), content.title(), content.snippet(), content.extra(),
                new ArrayList<>(memberIds));
    }

    public NotificationItem itemFor(String memberId) {
        return new NotificationItem(NotificationContent.idFor(memberId, eventId), type, false, createdAt, actor,
                postId, replyId, channel, title, snippet, extra);
    }
}
