package jp.kyoso.posts.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * The history of moderation decisions, newest first. Each decision lives in its post's {@code decisions} array,
 * written in the update that made it; the list unwinds them (deleted posts included: the history is kept) and pages
 * with a keyset cursor on (time, decision id).
 */
@Service
class ModerationDecisions {
    private static final String AT = PostFields.DECISIONS + ".at";
    private static final String DECISION_ID = PostFields.DECISIONS + ".decisionId";

    private final MongoTemplate mongo;

    ModerationDecisions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page<DecisionView> list(String cursor, int limit) {
        Cursors.Keyset after = Cursors.parseKeyset(cursor);
        List<AggregationOperation> stages = new ArrayList<>();
        stages.add(Aggregation.match(Criteria.where(AT).exists(true)));
        stages.add(Aggregation.project(PostFields.TITLE, PostFields.CHANNEL, PostFields.DECISIONS));
        stages.add(Aggregation.unwind(PostFields.DECISIONS));
        if (after != null) {
            Date at = Date.from(after.at());
            stages.add(Aggregation.match(new Criteria().orOperator(Criteria.where(AT).lt(at),
                    Criteria.where(AT).is(at).and(DECISION_ID).lt(after.id()))));
        }
        stages.add(Aggregation.sort(Sort.by(Sort.Direction.DESC, AT, DECISION_ID)));
        stages.add(Aggregation.limit(limit + 1L));
        List<Document> found = mongo.aggregate(Aggregation.newAggregation(stages), "posts", Document.class)
                .getMappedResults();
        List<DecisionView> items = new ArrayList<>();
        String next = null;
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            Document row = found.get(i);
            Document decision = row.get(PostFields.DECISIONS, Document.class);
            Instant at = decision.getDate("at").toInstant();
            items.add(new DecisionView(row.getString(PostFields.ID), row.getString(PostFields.TITLE),
                    row.getString(PostFields.CHANNEL), decision.getString("action"), decision.getString("note"),
                    decision.getString("by"), at));
            if (i == limit - 1 && found.size() > limit) {
                next = Cursors.keyset(at, decision.getString("decisionId"));
            }
        }
        return new Page<>(items, next);
    }
}
