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
 * @param postCount its visible posts (neither deleted nor hidden), kept by {@link ChannelPostCounts} from the posts
 *                  events; absent until the one-time count at start for channels that existed before it was kept
 * @param postCountAsOf the count holds every change up to this time: events of changes until then are not counted
 *                  again (a new channel: its creation; an old one: when it was counted at start)
 */
@Document("channels")
public record Channel(@Id String id, String slug, String name, String description, PostingPolicy postingPolicy,
                      String createdBy, Instant createdAt, Boolean archived, Instant archivedAt, String archivedBy,
                      Instant updatedAt, String updatedBy, Long postCount, Instant postCountAsOf,
                      List<PendingEvent> outbox) {

    public Channel {
        // channels created before archiving existed have no such field
        archived = archived != null && archived;
        // not counted yet (the count at start fills it in): shown as 0 meanwhile
        postCount = postCount == null ? 0L : postCount;
    }
}
