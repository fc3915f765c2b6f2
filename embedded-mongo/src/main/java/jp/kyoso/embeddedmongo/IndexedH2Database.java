package jp.kyoso.embeddedmongo;

import java.util.List;
import java.util.stream.Collectors;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The library's {@code H2Database} (same map names, so existing data files open unchanged) with ordered secondary
 * indexes in maps named {@code <db>.<collection>._kyoso_index_<name>}.
 */
final class IndexedH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final String META_PREFIX = "meta.";
    static final String DATABASES_PREFIX = "databases.";
    static final String UNIQUE_INDEX_INFIX = "._index_";
    static final String ORDERED_INDEX_INFIX = "._kyoso_index_";
    /** The library's own index of {@code _id}: it stays a plain unique index, which its lookups by {@code _id} use. */
    static final String ID_INDEX_NAME = "_id_";

    private final MVStore mvStore;
    private final StoreFormat format;
    private final StrictIndexes strictIndexes;
    private final SlowCommands slowCommands;
    private final IndexDescriptions descriptions = new IndexDescriptions();

    IndexedH2Database(String databaseName, MVStore mvStore, StoreFormat format, CursorRegistry cursorRegistry,
                      StrictIndexes strictIndexes, SlowCommands slowCommands) {
        super(databaseName, cursorRegistry);
        this.mvStore = mvStore;
        this.format = format;
        this.strictIndexes = strictIndexes;
        this.slowCommands = slowCommands;
        initializeNamespacesAndIndexes();
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
        return slowCommands.timed(getDatabaseName(), command, query,
            () -> answer(channel, command, query, resolver, oplog));
    }

    private Document answer(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
        return StrictIndexes.withComment(query.get("comment"), () -> {
            if (command.equalsIgnoreCase("aggregate")) {
                Document response = IndexDescriptions.aggregate(this, command, query, resolver, oplog);
                if (response != null) {
                    return response;
                }
            }
            return super.handleCommand(channel, command, query, resolver, oplog);
        });
    }

    @Override
    protected void addIndex(Document indexDescription) {
        descriptions.whileCreating(indexDescription, () -> super.addIndex(indexDescription));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, Object> mvMap = format.uniqueIndex(mapNameForIndex(collectionName, indexName));
        MvStoreUniqueIndex unique = new MvStoreUniqueIndex(mvMap, indexName, keys, sparse);
        if (indexName.equals(ID_INDEX_NAME)) {
            return unique;
        }
        return OrderedIndex.unique(unique, sparse,
            new MvStoreEntryStore(mvStore, format, mapNameForOrderedIndex(collectionName, indexName)), mvMap::clear);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        Document partialFilter = descriptions.partialFilter(getFullCollectionNamespace(collectionName), indexName, indexes::get);
        return new OrderedIndex<>(indexName, keys, sparse, partialFilter,
            new MvStoreEntryStore(mvStore, format, mapNameForOrderedIndex(collectionName, indexName)));
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = mapNameForIndex(collection.getCollectionName(), indexName);
        if (mvStore.hasMap(name)) {
            mvStore.removeMap(format.any(name));
        }
    }

    private String mapNameForIndex(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + UNIQUE_INDEX_INFIX + indexName;
    }

    private String mapNameForOrderedIndex(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + ORDERED_INDEX_INFIX + indexName;
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        List<MVMap<Object, Object>> maps = mvStore.getMapNames().stream()
            .filter(name -> name.startsWith(databaseName + ".")
                || name.startsWith(DATABASES_PREFIX + databaseName)
                || name.startsWith(META_PREFIX + databaseName))
            .map(format::any)
            .collect(Collectors.toList());
        for (MVMap<Object, Object> map : maps) {
            mvStore.removeMap(map);
        }
        // a database created again under the same name must build its indexes again
        MVMap<String, Object> indexMeta = mvStore.openMap(MvStoreEntryStore.META_MAP);
        List<String> stale = indexMeta.keySet().stream()
            .filter(key -> key.startsWith(databaseName + "."))
            .collect(Collectors.toList());
        stale.forEach(indexMeta::remove);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = format.documents(DATABASES_PREFIX + fullCollectionName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, strictIndexes);
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = mvStore.getFileStore();
        return fileStore != null ? fileStore.size() : 0;
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = format.documents(DATABASES_PREFIX + fullCollectionName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
        mvStore.removeMap(dataMap);
        mvStore.removeMap(metaMap);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String fullCollectionName = collection.getFullName();
        String newFullName = getFullCollectionNamespace(newCollectionName);
        MVMap<Object, Document> dataMap = format.documents(DATABASES_PREFIX + fullCollectionName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
        mvStore.renameMap(dataMap, DATABASES_PREFIX + newFullName);
        mvStore.renameMap(metaMap, META_PREFIX + newFullName);
    }
}
