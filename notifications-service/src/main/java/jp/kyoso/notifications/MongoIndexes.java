package jp.kyoso.notifications;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/**
 * Secondary indexes for the queries that are not by key, for real MongoDB. The embedded MongoDB-wire server accepts
 * and ignores them (it answers such queries by scanning), which is why the hot paths here work by key.
 */
@Component
class MongoIndexes implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(MongoIndexes.class);

    private final MongoTemplate mongo;

    MongoIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        index("notifications", new Document("memberId", 1).append("createdAt", -1).append("_id", -1));
        index("notifications", new Document("memberId", 1).append("read", 1));
        index("notifications", new Document("actorId", 1));
        index("notifications", new Document("postId", 1));
        index("notifications", new Document("digestedIn", 1));
        index("deliveries", new Document("createdAt", -1).append("_id", -1));
        index("deliveries", new Document("status", 1).append("leaseUntil", 1));
        index("deliveries", new Document("memberId", 1));
        index("deliveries", new Document("webhookKey", 1).append("status", 1).append("order", 1));
        index("deliveries", new Document("eventId", 1).append("channel", 1).append("status", 1));
        index("delivery_queue", new Document("channel", 1).append("dueAt", 1));
        index("members", new Document("status", 1));
        index("subscriptions", new Document("watching", 1));
        index("subscriptions", new Document("muted", 1));
        index("preferences", new Document("email", 1));
        index("session_attendees", new Document("postId", 1));
        index("session_attendees", new Document("memberId", 1));
        index("session_attendees", new Document("status", 1).append("reminded", 1).append("remindAt", 1));
        index("session_attendees", new Document("attended", 1).append("followedUp", 1).append("followUpAt", 1));
        // handovers dropped with either side's deactivation, and the leaver's invitation mails erased with it
        index("handovers", new Document("predecessorId", 1));
        index("handovers", new Document("successorId", 1));
        index("deliveries", new Document("predecessorId", 1).append("kind", 1));
    }

    private boolean unreachable;

    private void index(String collection, Document keys) {
        if (unreachable) {
            return;
        }
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(keys));
        } catch (org.springframework.dao.DataAccessResourceFailureException e) {
            // the database is not there (yet): do not hold the start-up for every index; they come at the next start
            unreachable = true;
            log.warn("Secondary indexes not created, the database did not answer: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Index {} on {} not created: {}", keys.toJson(), collection, e.getMessage());
        }
    }
}
