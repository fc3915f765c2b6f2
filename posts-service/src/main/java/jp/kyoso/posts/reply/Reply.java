package jp.kyoso.posts.reply;

import java.time.Instant;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.posts.member.Author;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A reply in a post's flat thread. ReplyAdded waits in the reply's own outbox, keyed by the post id. */
@Document("replies")
public record Reply(@Id String id, String postId, String body, Author author, List<String> mentionedMemberIds,
                   Instant createdAt, List<PendingEvent> outbox) {
}
