package jp.kyoso.embeddedmongo;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 (MVStore) backend with ordered secondary indexes kept in maps of the same store, the planner
 * and the optional strict mode. Opens files written by the library's own {@code H2Backend}; the secondary indexes
 * those files declared are built once, on the first start.
 */
public class IndexedH2Backend extends AbstractMongoBackend {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Backend.class);

    private final MVStore mvStore;
    private final StrictIndexes strictIndexes;

    /** @param fileName the MVStore file, or null for a store in memory */
    public IndexedH2Backend(String fileName, StrictIndexes strictIndexes) {
        this(MVStore.open(fileName), strictIndexes);
    }

    public IndexedH2Backend(MVStore mvStore, StrictIndexes strictIndexes) {
        this.mvStore = mvStore;
        this.strictIndexes = strictIndexes;
        mvStore.getMapNames().stream()
            .filter(mapName -> mapName.startsWith(IndexedH2Database.DATABASES_PREFIX))
            .map(mapName -> {
                String fullName = mapName.substring(IndexedH2Database.DATABASES_PREFIX.length());
                return fullName.substring(0, fullName.indexOf('.') < 0 ? fullName.length() : fullName.indexOf('.'));
            })
            .distinct()
            .forEach(databaseName -> {
                log.info("opening database '{}'", databaseName);
                try {
                    resolveDatabase(databaseName);
                } catch (MongoServerException e) {
                    log.error("Failed to open '{}'", databaseName, e);
                }
            });
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, mvStore, getCursorRegistry(), strictIndexes);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return Hello.answer(command, query, (name, q) -> super.handleCommand(channel, databaseName, name, q));
    }

    public MVStore getMvStore() {
        return mvStore;
    }

    public void commit() {
        mvStore.commit();
    }

    @Override
    public void close() {
        super.close();
        mvStore.close();
    }
}
