package jp.kyoso.notifications.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * This service's own view of the study sessions, from posts-service's events (it never reads posts-service's
 * database):
 * <ul>
 * <li>{@code sessions}, one document per session post: the latest {@code SessionScheduled} by its {@code at}, and
 * whether the post was deleted;</li>
 * <li>{@code session_attendees}, one document per member and session ({@code _id} {@code <postId>:<memberId>}): the
 * member's latest RSVP status by {@code at}, the latest attendance mark by {@code at}, and the session's times
 * copied in ({@code remindAt}, {@code startsAt}, {@code followUpAt}), so that what is due is one query on one
 * collection. {@code reminded} and {@code followedUp} say that a notice was handled (sent, or not wanted).</li>
 * </ul>
 * Every update is idempotent and ignores an event older than what the view already holds, so a redelivered or
 * reordered event changes nothing.
 */
@Component
public class SessionView {
    static final String SESSIONS = "sessions";
    static final String ATTENDEES = "session_attendees";
    public static final String GOING = "GOING";

    private final MongoTemplate mongo;
    private final SessionProperties properties;

    public SessionView(MongoTemplate mongo, SessionProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /** A session as this view knows it (null fields where posts-service sent none). */
    public record Session(String postId, String channel, String title, Instant startsAt, Instant endsAt, String place,
                          String onlineUrl, String prefecture, boolean deleted) {
    }

    /** One member's place in a session, as far as a notice needs it. */
    public record Attendee(String id, String postId, String memberId) {
    }

    /** {@code SessionScheduled}: the session's facts, unless the view already holds a later version. */
    public void scheduled(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        Instant startsAt = instant(event, "startsAt");
        Instant endsAt = instant(event, "endsAt");
        Date at = Date.from(EventFields.time(event, "at"));
        mongo.upsert(byId(postId), new Update().setOnInsert("deleted", false), SESSIONS);
        Update facts = new Update().set("scheduledAt", at).set("startsAt", Date.from(startsAt))
                .set("endsAt", Date.from(endsAt));
        for (String field : List.of("channelSlug", "title", "place", "onlineUrl", "prefecture")) {
            String value = event.text(field);
            if (value == null || value.isBlank()) {
                facts.unset(field);
            } else {
                facts.set(field, value);
            }
        }
        boolean latest = mongo.updateFirst(Query.query(new Criteria().andOperator(Criteria.where("_id").is(postId),
                new Criteria().orOperator(Criteria.where("scheduledAt").exists(false),
                        Criteria.where("scheduledAt").lte(at)))), facts, SESSIONS).getMatchedCount() > 0;
        if (latest) {
            // moves the reminder and the follow-up of every member; what was already sent stays sent
            mongo.updateMulti(Query.query(Criteria.where("postId").is(postId)), times(new Update(), startsAt, endsAt),
                    ATTENDEES);
        }
    }

    /** {@code SessionRsvpChanged}: the member's status, unless the view already holds a later one. */
    public void rsvpChanged(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String memberId = EventFields.required(event, "memberId");
        String status = EventFields.required(event, "status");
        Date at = Date.from(EventFields.time(event, "at"));
        String id = attendeeId(postId, memberId);
        know(id, postId, memberId);
        mongo.updateFirst(Query.query(new Criteria().andOperator(Criteria.where("_id").is(id),
                new Criteria().orOperator(Criteria.where("statusAt").exists(false),
                        Criteria.where("statusAt").lte(at)))), new Update().set("status", status).set("statusAt", at),
                ATTENDEES);
    }

    /** {@code SessionAttendanceMarked}: whether the member came, unless the view already holds a later mark. */
    public void attendanceMarked(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String memberId = EventFields.required(event, "memberId");
        if (event.data().get("attended") == null || !event.data().get("attended").isBoolean()) {
            throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no attended");
        }
        boolean attended = event.data().get("attended").asBoolean();
        Date at = Date.from(EventFields.time(event, "at"));
        String id = attendeeId(postId, memberId);
        know(id, postId, memberId);
        mongo.updateFirst(Query.query(new Criteria().andOperator(Criteria.where("_id").is(id),
                new Criteria().orOperator(Criteria.where("attendanceAt").exists(false),
                        Criteria.where("attendanceAt").lte(at)))),
                new Update().set("attended", attended).set("attendanceAt", at), ATTENDEES);
    }

    /** {@code PostDeleted}: a deleted session sends nothing any more (whatever other events of it still arrive). */
    public void deleted(String postId) {
        if (mongo.exists(byId(postId), SESSIONS) || mongo.exists(Query.query(Criteria.where("postId").is(postId)),
                ATTENDEES)) {
            mongo.upsert(byId(postId), new Update().set("deleted", true), SESSIONS);
            mongo.updateMulti(Query.query(Criteria.where("postId").is(postId)), new Update().set("deleted", true),
                    ATTENDEES);
        }
    }

    public Session find(String postId) {
        Document document = mongo.findById(postId, Document.class, SESSIONS);
        if (document == null || document.getDate("startsAt") == null) {
            return null;
        }
        return new Session(postId, document.getString("channelSlug"), document.getString("title"),
                document.getDate("startsAt").toInstant(), document.getDate("endsAt").toInstant(),
                document.getString("place"), document.getString("onlineUrl"), document.getString("prefecture"),
                Boolean.TRUE.equals(document.getBoolean("deleted")));
    }

    /** Members GOING to a session whose reminder time has come and that has not started, not reminded yet. */
    public List<Attendee> dueReminders(Instant now, String postId, int limit) {
        Criteria criteria = Criteria.where("status").is(GOING).and("reminded").ne(true).and("deleted").ne(true)
                .and("remindAt").lte(Date.from(now)).and("startsAt").gt(Date.from(now));
        return due(postId == null ? criteria : criteria.and("postId").is(postId), limit);
    }

    /** Members marked attended whose session's follow-up time has come, not invited yet. */
    public List<Attendee> dueFollowUps(Instant now, String postId, int limit) {
        Criteria criteria = Criteria.where("attended").is(true).and("followedUp").ne(true).and("deleted").ne(true)
                .and("followUpAt").lte(Date.from(now));
        return due(postId == null ? criteria : criteria.and("postId").is(postId), limit);
    }

    public void reminded(String attendeeId) {
        mongo.updateFirst(byId(attendeeId), new Update().set("reminded", true), ATTENDEES);
    }

    public void followedUp(String attendeeId) {
        mongo.updateFirst(byId(attendeeId), new Update().set("followedUp", true), ATTENDEES);
    }

    /** Erasure: which sessions the member signed up for and came to is theirs. */
    public void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where("memberId").is(memberId)), ATTENDEES);
    }

    static String attendeeId(String postId, String memberId) {
        return postId + ":" + memberId;
    }

    private List<Attendee> due(Criteria criteria, int limit) {
        Query query = Query.query(criteria).limit(limit);
        query.fields().include("_id").include("postId").include("memberId");
        return mongo.find(query, Document.class, ATTENDEES).stream().map(d -> new Attendee(d.getString("_id"),
                d.getString("postId"), d.getString("memberId"))).toList();
    }

    /** Makes the member's document exist, with the session's current times (and whether it was deleted). */
    private void know(String id, String postId, String memberId) {
        Update update = new Update().setOnInsert("postId", postId).setOnInsert("memberId", memberId);
        Document session = mongo.findById(postId, Document.class, SESSIONS);
        if (session != null && session.getDate("startsAt") != null) {
            times(update, session.getDate("startsAt").toInstant(), session.getDate("endsAt").toInstant());
        }
        update.set("deleted", session != null && Boolean.TRUE.equals(session.getBoolean("deleted")));
        mongo.upsert(byId(id), update, ATTENDEES);
    }

    private Update times(Update update, Instant startsAt, Instant endsAt) {
        return update.set("startsAt", Date.from(startsAt))
                .set("remindAt", Date.from(startsAt.minus(properties.reminderBefore())))
                .set("followUpAt", Date.from(endsAt.plus(properties.followUpAfter())));
    }

    private static Instant instant(InboundEvent event, String field) {
        String value = EventFields.required(event, field);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no valid " + field);
        }
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
