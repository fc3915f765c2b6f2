package jp.kyoso.embeddedmongo;

import java.util.List;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

final class IndexedMemoryCollection extends MemoryCollection implements CountsFromIndex, IndexedQueries.Access<Integer> {

    private final IndexedQueries<Integer> queries;

    IndexedMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                            CursorRegistry cursorRegistry, StrictIndexes strictIndexes) {
        super(database, collectionName, options, cursorRegistry);
        this.queries = new IndexedQueries<>(this, strictIndexes);
    }

    /**
     * No running data size ({@code collStats} size, which no Kyoso service reads). Keeping it encodes the whole old and
     * new document to BSON on every update: a third of this server's CPU when replies arrive quickly on one post, whose
     * document holds its pending replies and outbox, and the more it falls behind the larger that document is.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        return queries.query(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
        if (index instanceof OrderedIndex) {
            ((OrderedIndex<Integer>) index).store().markBuilt();
        }
    }

    @Override
    public synchronized Long countFromIndex(Document filter) {
        return queries.countFromIndex(filter);
    }

    @Override
    public String fullName() {
        return getFullName();
    }

    @Override
    public boolean isSystemCollection() {
        return getCollectionName().startsWith("system.");
    }

    @Override
    public List<Index<Integer>> indexes() {
        return getIndexes();
    }

    @Override
    public Document load(Integer position) {
        return getDocument(position);
    }

    @Override
    public QueryResult scanCollection(Document query, Document orderBy, int skip, int limit, int batchSize,
                                      Document fieldSelector) {
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    @Override
    public QueryResult fromPositions(Document query, Iterable<Integer> positions, Document orderBy, int skip, int limit,
                                     int batchSize, Document fieldSelector) {
        return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
    }

    @Override
    public QueryResult fromOrderedDocuments(Document query, Stream<Document> documents, int skip, int limit,
                                            int batchSize, Document fieldSelector) {
        return matchDocumentsFromStream(query, documents, skip, limit, batchSize, null, fieldSelector);
    }
}
