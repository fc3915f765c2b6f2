package jp.kyoso.notifications.store;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexOptions;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the named secondary indexes that each feature declares next to its queries (the {@code *Indexes} classes),
 * for real MongoDB; the embedded MongoDB-wire server of the tests keeps only the unique ones and ignores TTL and
 * partial filters. An index whose keys or options changed since the last start is dropped and created again (the
 * names are ours, MongoDB refuses a second index with the same keys under another name), and indexes that no query
 * needs any more are dropped by name.
 */
@Component
public class Indexes {
    private static final Logger log = LoggerFactory.getLogger(Indexes.class);
    private static final int INDEX_NOT_FOUND = 27;
    private static final int OPTIONS_CONFLICT = 85;
    private static final int KEY_SPECS_CONFLICT = 86;

    private final MongoTemplate mongo;
    private volatile boolean unreachable;

    public Indexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Plain options with the index's name. */
    public static IndexOptions named(String name) {
        return new IndexOptions().name(name);
    }

    /** Only the documents where the field is present are indexed (a field most documents do not have). */
    public static IndexOptions onlyWith(String name, String field) {
        return named(name).partialFilterExpression(new Document(field, new Document("$exists", true)));
    }

    public void ensure(String collection, Document keys, IndexOptions options) {
        if (unreachable) {
            return;
        }
        try {
            create(collection, keys, options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != OPTIONS_CONFLICT && e.getErrorCode() != KEY_SPECS_CONFLICT) {
                log.warn("Index {} on {} not created: {}", options.getName(), collection, e.getMessage());
                return;
            }
            // the same keys under another name (an index of an earlier version), or our name with other options
            try {
                dropConflicting(collection, keys, options.getName());
                create(collection, keys, options);
            } catch (RuntimeException again) {
                log.warn("Index {} on {} not replaced: {}", options.getName(), collection, again.getMessage());
            }
        } catch (org.springframework.dao.DataAccessResourceFailureException | com.mongodb.MongoTimeoutException e) {
            // the database is not there (yet): do not hold the start-up for every index; they come at the next start
            unreachable = true;
            log.warn("Secondary indexes not created, the database did not answer: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Index {} on {} not created: {}", options.getName(), collection, e.getMessage());
        }
    }

    /** Drops indexes that no query uses any more (created by earlier versions); absent ones are fine. */
    public void dropObsolete(String collection, List<String> names) {
        if (unreachable) {
            return;
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        try {
            mongo.getCollection(collection).listIndexes().forEach(index -> present.add(index.getString("name")));
        } catch (RuntimeException e) {
            log.debug("Indexes of {} not listed: {}", collection, e.getMessage());
            return;
        }
        for (String name : names) {
            if (!present.contains(name)) {
                continue;
            }
            try {
                mongo.getCollection(collection).dropIndex(name);
                log.info("Dropped the index {} on {}: no query needs it any more", name, collection);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != INDEX_NOT_FOUND) {
                    log.warn("Index {} on {} not dropped: {}", name, collection, e.getMessage());
                }
            } catch (RuntimeException e) {
                log.debug("Index {} on {} not dropped: {}", name, collection, e.getMessage());
            }
        }
    }

    private void create(String collection, Document keys, IndexOptions options) {
        mongo.getCollection(collection).createIndex(keys, options);
    }

    /** The same fields in the same order and directions (1 and 1.0 alike). */
    private static boolean sameKeys(Document wanted, Document existing) {
        if (existing == null || !List.copyOf(wanted.keySet()).equals(List.copyOf(existing.keySet()))) {
            return false;
        }
        return wanted.keySet().stream().allMatch(field -> wanted.get(field) instanceof Number a
                && existing.get(field) instanceof Number b && a.doubleValue() == b.doubleValue());
    }

    private void dropConflicting(String collection, Document keys, String name) {
        for (Document index : mongo.getCollection(collection).listIndexes()) {
            String existing = index.getString("name");
            if (name.equals(existing) || (sameKeys(keys, index.get("key", Document.class))
                    && !"_id_".equals(existing))) {
                mongo.getCollection(collection).dropIndex(existing);
                log.info("Dropped the index {} on {} to create {} in its place", existing, collection, name);
            }
        }
    }
}
