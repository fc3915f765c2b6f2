package jp.kyoso.posts.channel;

import java.time.Instant;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A channel. Its id is its slug: slugs are unique and never change, and using the slug as the document id makes the
 * uniqueness and the idempotent creation of the default channels a matter of the primary key.
 *
 * @param archived  an archived channel takes no new posts; its posts, replies and search stay (absent: false)
 * @param updatedAt the last change of name, description or posting policy (absent: never changed)
 */
@Document("channels")
public record Channel(@Id String id, String slug, String name, String description, PostingPolicy postingPolicy,
                      String createdBy, Instant createdAt, Boolean archived, Instant archivedAt, String archivedBy,
                      Instant updatedAt, String updatedBy, List<PendingEvent> outbox) {

    public Channel {
        // channels created before archiving existed have no such field
        archived = archived != null && archived;
    }
}
