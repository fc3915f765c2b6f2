package jp.kyoso.posts.shared;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;

/**
 * Creates the named indexes each feature declares at start (an {@code InitializingBean} per feature, see
 * town.TownIndexes). Creating an index that exists changes nothing; a failure is logged and the service starts all the
 * same (the queries are correct without the index, only slower).
 */
public final class Indexes {
    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private Indexes() {
    }

    public static void create(MongoTemplate mongo, String collection, String name, Document keys) {
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(keys).named(name));
        } catch (RuntimeException e) {
            log.warn("Index {} on {} not created: {}", name, collection, e.getMessage());
        }
    }

    /**
     * Drops an index that a feature declared before and no longer does (another index now serves its queries); an
     * index that does not exist, or a server that refuses, changes nothing (logged at DEBUG).
     */
    public static void dropIfPresent(MongoTemplate mongo, String collection, String name) {
        try {
            boolean present = mongo.indexOps(collection).getIndexInfo().stream()
                    .anyMatch(index -> name.equals(index.getName()));
            if (present) {
                mongo.indexOps(collection).dropIndex(name);
                log.info("Dropped index {} on {}, which nothing reads any more", name, collection);
            }
        } catch (RuntimeException e) {
            log.debug("Index {} on {} not dropped: {}", name, collection, e.getMessage());
        }
    }

    /**
     * An index of the documents that match {@code partialFilter} only (a rare state: deleted, reported, hidden), so it
     * stays small. A server that refuses the partial filter gets the same keys on every document (logged at DEBUG):
     * the queries that the partial index serves include its filter, so the full one serves them as well.
     */
    public static void createPartial(MongoTemplate mongo, String collection, String name, Document keys,
                                     Document partialFilter) {
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(keys).named(name)
                    .partial(PartialIndexFilter.of(partialFilter)));
        } catch (RuntimeException refused) {
            log.debug("Partial index {} refused on {} ({}); creating it on every document", name, collection,
                    refused.getMessage());
            create(mongo, collection, name, keys);
        }
    }
}
