package jp.kyoso.embeddedmongo;

import java.util.List;
import java.util.stream.Stream;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

final class IndexedH2Collection extends H2Collection implements CountsFromIndex, IndexedQueries.Access<Object> {

    private final IndexedQueries<Object> queries;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
                        StrictIndexes strictIndexes) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
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

    /**
     * A copy of the stored document. MVStore hands out the very instance its page holds, and the library updates a
     * document by changing the instance a query returned; a reader encoding that same instance for the wire at that
     * moment failed with ConcurrentModificationException under load. With a copy per read, an update changes its own
     * copy and stores it ({@code handleUpdate}), and what a reader holds never changes under it.
     */
    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.cloneDeeply();
    }

    /** The library's whole-collection read, with a copy of each document for the same reason as {@link #getDocument}. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<DocumentWithPosition<Object>> all = streamAllDocumentsWithPosition();
        if (isNaturalDescending(orderBy)) {
            all = all.sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()));
        }
        return matchDocumentsFromStream(all.map(entry -> entry.getDocument().cloneDeeply()), query, orderBy,
                numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
        if (index instanceof OrderedIndex) {
            ((OrderedIndex<Object>) index).store().markBuilt();
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
    public List<Index<Object>> indexes() {
        return getIndexes();
    }

    @Override
    public Document load(Object position) {
        return getDocument(position);
    }

    @Override
    public QueryResult scanCollection(Document query, Document orderBy, int skip, int limit, int batchSize,
                                      Document fieldSelector) {
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    @Override
    public QueryResult fromPositions(Document query, Iterable<Object> positions, Document orderBy, int skip, int limit,
                                     int batchSize, Document fieldSelector) {
        return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
    }

    @Override
    public QueryResult fromOrderedDocuments(Document query, Stream<Document> documents, int skip, int limit,
                                            int batchSize, Document fieldSelector) {
        return matchDocumentsFromStream(query, documents, skip, limit, batchSize, null, fieldSelector);
    }
}
