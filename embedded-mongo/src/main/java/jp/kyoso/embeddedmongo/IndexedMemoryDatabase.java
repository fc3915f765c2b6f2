package jp.kyoso.embeddedmongo;

import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

final class IndexedMemoryDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

    private final StrictIndexes strictIndexes;
    private final IndexDescriptions descriptions = new IndexDescriptions();

    IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry, StrictIndexes strictIndexes) {
        super(databaseName, cursorRegistry);
        this.strictIndexes = strictIndexes;
        initializeNamespacesAndIndexes();
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
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
    protected IndexedMemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry, strictIndexes);
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MemoryUniqueIndex unique = new MemoryUniqueIndex(indexName, keys, sparse);
        if (indexName.equals(IndexedH2Database.ID_INDEX_NAME)) {
            return unique;
        }
        // a new database each start: nothing to clear when the ordered entries are built
        return OrderedIndex.unique(unique, sparse, new MemoryEntryStore<>(), () -> { });
    }

    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        Document partialFilter = descriptions.partialFilter(getFullCollectionNamespace(collectionName), indexName, indexes::get);
        return new OrderedIndex<>(indexName, keys, sparse, partialFilter, new MemoryEntryStore<>());
    }

    @Override
    protected long getStorageSize() {
        return 0;
    }

    @Override
    protected long getFileSize() {
        return 0;
    }
}
