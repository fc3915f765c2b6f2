package jp.kyoso.notifications.announcement;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import jp.kyoso.notifications.inbox.NotificationContent;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code announcement_progress}: one small document per announcement ({@code _id} = the post id), written by the
 * fan-out when it starts, once the announcement is in every inbox, and once per chunk of
 * {@code kyoso.fanout.chunk-size} members of its mail, so that a moderator can follow an announcement to 100,000
 * members without anything counting the inbox. It holds counts and times only, no personal data.
 *
 * <ul>
 * <li>{@code recipients}: the active members but the author, counted once when the fan-out starts;</li>
 * <li>{@code inboxStored}: the inboxes that have it, set to {@code recipients} as soon as the announcement is stored
 * once for all of them (each member's own copy is written when they next look; a member who has switched
 * announcements off does not get one), so an attempt that repeats the event sets the same number;</li>
 * <li>{@code mailPages.<n>}: how many members page {@code n} of the announcement's mail holds, set by key as the
 * pages themselves are (an attempt that starts again rewrites them);</li>
 * <li>{@code fannedOutAt}: every chunk is stored and the mail and Slack messages are queued.</li>
 * </ul>
 *
 * Every write after the first names the event too: a post has one {@code PostPublished}, but should a second event
 * ever announce the same post, it starts the document afresh and a late attempt at the first one counts nowhere.
 */
@Component
public class AnnouncementProgressStore {
    static final String COLLECTION = "announcement_progress";

    private final MongoTemplate mongo;
    private final Clock clock;

    public AnnouncementProgressStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The fan-out starts: the document is there from now on (an attempt that repeats the event keeps the first). */
    public void started(NotificationContent content, long recipients, Instant at) {
        String postId = content.postId();
        Document fields = new Document("eventId", content.eventId()).append("title", content.title())
                .append("recipients", recipients).append("inboxStored", 0).append("startedAt", Date.from(at));
        Update fresh = new Update().unset("mailPages").unset("fannedOutAt");
        fields.forEach(fresh::set);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId).and("eventId").ne(content.eventId())), fresh,
                COLLECTION);
        Update first = new Update();
        fields.forEach(first::setOnInsert);
        mongo.upsert(Query.query(Criteria.where("_id").is(postId)), first, COLLECTION);
    }

    /** The announcement is stored once for all ({@code InboxStore.broadcast}): every recipient's inbox has it. */
    public void inEveryInbox(NotificationContent content, long recipients) {
        mongo.updateFirst(ofEvent(content), new Update().set("inboxStored", recipients), COLLECTION);
    }

    /** Page {@code page} of the announcement's mail holds {@code members} members. */
    public void mailPage(NotificationContent content, int page, int members) {
        mongo.updateFirst(ofEvent(content), new Update().set("mailPages." + page, members), COLLECTION);
    }

    /** Every chunk is stored and everything to deliver is queued; an attempt that repeats the event keeps the time. */
    public void fannedOut(NotificationContent content) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(content.postId()).and("eventId")
                .is(content.eventId()).and("fannedOutAt").exists(false)),
                new Update().set("fannedOutAt", Date.from(clock.instant())), COLLECTION);
    }

    /** The announcement's document, or null when its fan-out has not started (or it is no announcement). */
    public Document find(String postId) {
        return mongo.findById(postId, Document.class, COLLECTION);
    }

    private static Query ofEvent(NotificationContent content) {
        return Query.query(Criteria.where("_id").is(content.postId()).and("eventId").is(content.eventId()));
    }
}
