package jp.kyoso.posts.handover;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import jp.kyoso.posts.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Applies the handover events of {@code kyoso.members.v1} (on the members binding, after the member projection) to
 * {@code handovers} and {@code member_positions}. Every effect is an upsert, a conditional set or a delete, so an
 * event applied twice changes nothing the second time.
 *
 * <p>{@code HandoverNamed} is keyed by the handover, the member events by the member: they share no partition. So
 * each side writes first and reads the other side after (a handover looks for its move, a move fills the handovers
 * it ends; a handover looks whether either side has left, a deactivation drops the handovers): of two events handled
 * at the same moment, at least one sees the other's write.
 */
@Service
public class HandoverProjection {
    static final String NAMED = "kyoso.members.HandoverNamed.v1";
    static final String MOVED = "kyoso.members.MemberMoved.v1";
    static final String DEACTIVATED = "kyoso.members.MemberDeactivated.v1";
    /** posts-service's member projection (member.MemberRecord): a former member keeps only the flag there. */
    private static final String MEMBERS = "members";

    private static final Logger log = LoggerFactory.getLogger(HandoverProjection.class);

    private final MongoTemplate mongo;

    public HandoverProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case NAMED -> named(event);
            case MOVED -> moved(event);
            case DEACTIVATED -> drop(required(event, event.text("memberId"), "memberId"));
            default -> {
                // other member events mean nothing to handovers
            }
        }
    }

    private void named(InboundEvent event) {
        String handoverId = required(event, event.text("handoverId"), "handoverId");
        String predecessorId = required(event, event.text("predecessorId"), "predecessorId");
        String successorId = required(event, event.text("successorId"), "successorId");
        JsonNode position = event.data().get("position");
        String from = date(event, position == null ? null : text(position, "from"), "position.from", true);
        String to = date(event, position == null ? null : text(position, "to"), "position.to", false);
        if (isFormer(predecessorId) || isFormer(successorId)) {
            log.debug("Ignoring handover {}: one side has left", handoverId);
            return;
        }
        Update update = new Update().setOnInsert("predecessorId", predecessorId)
                .setOnInsert("successorId", successorId).setOnInsert("from", from)
                .setOnInsert("namedAt", instant(event.text("namedAt")));
        // a later move may have filled the end already: a replay with the end unknown must not clear it
        if (to != null) {
            update.set("to", to);
        } else {
            update.setOnInsert("to", null);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(handoverId)), update, HandoverRecord.class);
        if (to == null) {
            EndedPosition ended = mongo.findById(EndedPosition.idOf(predecessorId, from), EndedPosition.class);
            if (ended != null) {
                fillEnd(predecessorId, from, ended.to());
            }
        }
        if (isFormer(predecessorId) || isFormer(successorId)) {
            // a deactivation handled meanwhile on another partition did not see this handover yet
            mongo.remove(Query.query(Criteria.where("_id").is(handoverId)), HandoverRecord.class);
        }
    }

    private void moved(InboundEvent event) {
        String memberId = required(event, event.text("memberId"), "memberId");
        JsonNode previous = event.data().get("previous");
        String from = date(event, previous == null ? null : text(previous, "from"), "previous.from", true);
        String to = date(event, previous == null ? null : text(previous, "to"), "previous.to", true);
        if (isFormer(memberId)) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(EndedPosition.idOf(memberId, from))),
                new Update().set("memberId", memberId).set("from", from).set("to", to), EndedPosition.class);
        fillEnd(memberId, from, to);
        if (isFormer(memberId)) {
            erasePositions(memberId);
        }
    }

    /** The end of the leaver's job, for the handovers named while she still held it. */
    private void fillEnd(String predecessorId, String from, String to) {
        mongo.updateMulti(Query.query(Criteria.where("predecessorId").is(predecessorId).and("from").is(from)
                .and("to").is(null)), new Update().set("to", to), HandoverRecord.class);
    }

    /** A member who leaves takes their handovers (either side) and their positions with them. */
    private void drop(String memberId) {
        mongo.remove(Query.query(new Criteria().orOperator(Criteria.where("predecessorId").is(memberId),
                Criteria.where("successorId").is(memberId))), HandoverRecord.class);
        erasePositions(memberId);
    }

    private void erasePositions(String memberId) {
        mongo.remove(Query.query(Criteria.where("memberId").is(memberId)), EndedPosition.class);
    }

    private boolean isFormer(String memberId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(memberId).and("deactivated").is(true)), MEMBERS);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String required(InboundEvent event, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no " + field);
        }
        return value;
    }

    /** A JST day as members-service writes it; a malformed one makes the event a dead letter. */
    private static String date(InboundEvent event, String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no " + field);
            }
            return null;
        }
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event " + event.id() + " has an invalid " + field);
        }
    }

    private static Instant instant(String value) {
        if (value != null) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                // not worth a dead letter: it is only shown
            }
        }
        return Times.now();
    }
}
