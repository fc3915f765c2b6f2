package jp.kyoso.posts.handover;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The indexes the handover page reads by: a member's posts and replies in a period, and the handovers a member is
 * part of (dropped on deactivation). Creating an index that exists changes nothing; a failure is logged and the
 * service starts all the same (the queries are correct without them, only slower).
 */
@Component
class HandoverIndexes implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(HandoverIndexes.class);

    private final MongoTemplate mongo;

    HandoverIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        index("posts", new Document("author.memberId", 1).append("createdAt", 1), "author_created");
        index("replies", new Document("author.memberId", 1).append("createdAt", 1), "author_created");
        index(HandoverRecord.COLLECTION, new Document("predecessorId", 1).append("from", 1), "predecessor");
        index(HandoverRecord.COLLECTION, new Document("successorId", 1), "successor");
        index(EndedPosition.COLLECTION, new Document("memberId", 1), "member");
    }

    private void index(String collection, Document keys, String name) {
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(keys).named(name));
        } catch (RuntimeException e) {
            log.warn("Index {} on {} not created: {}", name, collection, e.getMessage());
        }
    }
}
