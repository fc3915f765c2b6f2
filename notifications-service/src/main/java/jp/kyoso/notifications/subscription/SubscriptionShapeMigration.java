package jp.kyoso.notifications.subscription;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.store.KeyPrefix;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * One-time move of {@code subscriptions} from the earlier shape, one document per target
 * ({@code {_id: "channel:<slug>" | "post:<id>", watching: [memberIds], muted: [memberIds]}}), to one document per
 * member and target (see {@link SubscriptionStore}). Runs at every start and finds nothing once done: the old
 * documents are found by their key's prefix (a range of {@code _id}; the new keys start with the member's id), each member's
 * document is written only if it is not there ({@code $setOnInsert}, so a level set since in the new shape wins), and
 * the old document is deleted last. A start that stops half-way leaves old documents that the next start finishes.
 */
@Component
class SubscriptionShapeMigration {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionShapeMigration.class);
    private static final int BATCH = 1000;

    private final MongoTemplate mongo;

    SubscriptionShapeMigration(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void run() {
        int targets = 0;
        long pairs = 0;
        try {
            for (String prefix : List.of("channel:", "post:")) {
                Query old = Query.query(KeyPrefix.startingWith(prefix));
                try (var stream = mongo.stream(old, Document.class, SubscriptionStore.COLLECTION)) {
                    for (Document document : (Iterable<Document>) stream::iterator) {
                        pairs += migrate(document);
                        targets++;
                    }
                }
            }
        } catch (org.springframework.dao.DataAccessResourceFailureException e) {
            log.warn("Subscriptions not migrated, the database did not answer (next start): {}", e.getMessage());
            return;
        }
        if (targets > 0) {
            log.info("Subscriptions: {} targets of the earlier shape moved to {} member documents", targets, pairs);
        }
    }

    private long migrate(Document document) {
        String key = document.getString("_id");
        Date updatedAt = document.get("updatedAt") instanceof Date date ? date : new Date();
        List<WriteModel<Document>> pairs = new ArrayList<>();
        // MUTED first: a member in both lists was MUTED (Watchers.levelOf), and $setOnInsert keeps the first
        for (String field : List.of("muted", "watching")) {
            String level = "muted".equals(field) ? WatchLevel.MUTED.name() : WatchLevel.WATCHING.name();
            for (String memberId : document.getList(field, String.class, List.of())) {
                pairs.add(new UpdateOneModel<>(new Document("_id", SubscriptionStore.id(key, memberId)),
                        new Document("$setOnInsert", new Document(SubscriptionStore.TARGET, key)
                                .append(SubscriptionStore.MEMBER, memberId).append(SubscriptionStore.LEVEL, level)
                                .append("updatedAt", updatedAt)), new UpdateOptions().upsert(true)));
            }
        }
        for (int from = 0; from < pairs.size(); from += BATCH) {
            mongo.getCollection(SubscriptionStore.COLLECTION).bulkWrite(
                    pairs.subList(from, Math.min(pairs.size(), from + BATCH)), new BulkWriteOptions().ordered(true));
        }
        mongo.remove(Query.query(Criteria.where("_id").is(key)), SubscriptionStore.COLLECTION);
        return pairs.size();
    }
}
