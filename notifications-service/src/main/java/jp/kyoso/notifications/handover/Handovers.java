package jp.kyoso.notifications.handover;

import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.web.ApiProblem;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@code handovers}: this service's copy of the handovers (引き継ぎ) whose successor is a member, from
 * {@code kyoso.members.HandoverNamed.v1}: {@code _id} (the handover id), {@code predecessorId},
 * {@code predecessorName}, {@code successorId}, {@code organization}, {@code department}, {@code from}, {@code to},
 * {@code namedAt}. Dropped with either side's deactivation.
 */
@Component
class Handovers {
    static final String COLLECTION = "handovers";

    private final MongoTemplate mongo;

    Handovers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A handover as the given member may use it: 404 while it has not arrived, 403 for anyone but its two sides. */
    Document openTo(String handoverId, String memberId, boolean successorOnly) {
        Document handover = mongo.findById(handoverId, Document.class, COLLECTION);
        if (handover == null) {
            // the view follows members-service a moment behind: a handover just bound may not be here yet
            throw ApiProblem.notFound(Messages.get("handover.not-arrived"));
        }
        boolean successor = memberId.equals(handover.getString("successorId"));
        if (successorOnly && !successor) {
            throw ApiProblem.forbidden(Messages.get("handover.successor-only"));
        }
        if (!successor && !memberId.equals(handover.getString("predecessorId"))) {
            throw ApiProblem.forbidden(Messages.get("handover.sides-only"));
        }
        return handover;
    }

    void remove(String handoverId) {
        mongo.remove(Query.query(Criteria.where("_id").is(handoverId)), COLLECTION);
    }

    /** Every handover the member gave or received. */
    void removeAllOf(String memberId) {
        mongo.remove(Query.query(new Criteria().orOperator(Criteria.where("predecessorId").is(memberId),
                Criteria.where("successorId").is(memberId))), COLLECTION);
    }
}
