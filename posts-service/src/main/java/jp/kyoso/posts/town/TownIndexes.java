package jp.kyoso.posts.town;

import jp.kyoso.posts.post.PostFields;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The indexes 「同じような町」 reads by: one per branch of {@link OrganizationCodes#addTo} (the author's town, the
 * chosen answer's town), each in the feed's order (newest first, then the id), so each branch is read in order and the
 * two are merged. And the chosen answers of a member, which the author snapshots and the code catch-up of the
 * member projection update. Creating an index that exists changes nothing; a failure is logged and the service starts
 * all the same (the queries are correct without them, only slower).
 */
@Component
class TownIndexes implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(TownIndexes.class);

    private final MongoTemplate mongo;

    TownIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        index(new Document(PostFields.ORGANIZATION_CODE_AT_POSTING, 1).append(PostFields.CREATED_AT, -1)
                .append(PostFields.ID, -1), "town_created");
        index(new Document(PostFields.ANSWER_ORGANIZATION_CODE_AT_POSTING, 1).append(PostFields.CREATED_AT, -1)
                .append(PostFields.ID, -1), "answer_town_created");
        index(new Document(PostFields.ANSWER_AUTHOR_ID, 1), "answer_author");
    }

    private void index(Document keys, String name) {
        try {
            mongo.indexOps("posts").createIndex(new CompoundIndexDefinition(keys).named(name));
        } catch (RuntimeException e) {
            log.warn("Index {} on posts not created: {}", name, e.getMessage());
        }
    }
}
