package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An ordered (compound, ascending/descending, multikey, sparse, partial) index. Each document gets one
 * entry per combination of its key values — an array gives one entry per element — keyed by the encoded values
 * followed by the encoded {@code _id}, so entries are unique and a document's own entries can be found again to
 * remove them. The library never asks it to answer a query ({@link #canHandle} is false); {@link QueryPlanner} reads
 * its ranges.
 * <p>
 * A unique index is the library's unique index (which enforces uniqueness and answers exact lookups) with ordered
 * entries beside it: the library's unique indexes are hash lookups, so a query on the first keys of a compound unique
 * index, such as every subscriber of one target on {@code (target, memberId)}, would otherwise read the whole
 * collection.
 */
final class OrderedIndex<P> extends Index<P> {

    private final boolean sparse;
    private final Document partialFilter;
    private final IndexEntryStore<P> store;
    private final Index<P> unique;
    private final Runnable clearUnique;
    private final QueryMatcher matcher = new DefaultQueryMatcher();

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, Document partialFilter, IndexEntryStore<P> store) {
        this(name, keys, sparse, partialFilter, store, null, () -> { });
    }

    private OrderedIndex(String name, List<IndexKey> keys, boolean sparse, Document partialFilter,
                         IndexEntryStore<P> store, Index<P> unique, Runnable clearUnique) {
        super(name, keys, sparse);
        this.sparse = sparse;
        this.partialFilter = partialFilter;
        this.store = store;
        this.unique = unique;
        this.clearUnique = clearUnique;
    }

    /**
     * A unique index: {@code unique} checks and answers exact lookups, the entries give ranges and order;
     * {@code clearUnique} empties {@code unique} when the ordered entries must be built again from the documents.
     */
    static <P> OrderedIndex<P> unique(Index<P> unique, boolean sparse, IndexEntryStore<P> store,
                                      Runnable clearUnique) {
        return new OrderedIndex<>(unique.getName(), unique.getKeys(), sparse, null, store, unique, clearUnique);
    }

    @Override
    public boolean isUnique() {
        return unique != null;
    }

    IndexEntryStore<P> store() {
        return store;
    }

    boolean isSparseIndex() {
        return sparse;
    }

    Document partialFilter() {
        return partialFilter;
    }

    boolean isMultikey() {
        return store.isMultikey();
    }

    /**
     * Entries for documents that are not in the index (sparse, partial) can be missing, so the library must not
     * insist on finding one when it removes a document.
     */
    @Override
    protected boolean isSparse() {
        return sparse || partialFilter != null;
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        if (!(other instanceof OrderedIndex)) {
            return false;
        }
        OrderedIndex<?> that = (OrderedIndex<?>) other;
        return sparse == that.sparse && isUnique() == that.isUnique() && Objects.equals(partialFilter, that.partialFilter)
            && keyDescription().equals(that.keyDescription());
    }

    String keyDescription() {
        StringBuilder description = new StringBuilder();
        for (IndexKey key : getKeys()) {
            description.append(description.length() == 0 ? "" : ", ").append(key.getKey()).append(':')
                .append(key.isAscending() ? 1 : -1);
        }
        return "{" + description + "}";
    }

    Set<String> entries(Document document) {
        if (partialFilter != null && !matcher.matches(document, partialFilter)) {
            return Set.of();
        }
        if (sparse && getKeys().stream().noneMatch(key ->
            matcher.matches(document, new Document(key.getKey(), new Document("$exists", Boolean.TRUE))))) {
            return Set.of();
        }
        List<String> prefixes = List.of("");
        boolean multikey = false;
        for (IndexKey key : getKeys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, key.getKey());
            List<Object> values = new ArrayList<>();
            if (value instanceof Collection) {
                multikey = true;
                for (Object element : (Collection<?>) value) {
                    values.add(Missing.isNullOrMissing(element) ? null : element);
                }
                if (values.isEmpty()) {
                    // an empty array: indexed like null, the matcher decides what it matches
                    values.add(null);
                }
            } else {
                values.add(value);
            }
            Set<String> encodedValues = new LinkedHashSet<>();
            for (Object element : values) {
                encodedValues.add(IndexKeyEncoder.encode(element, key.isAscending()));
            }
            List<String> next = new ArrayList<>(prefixes.size() * encodedValues.size());
            for (String prefix : prefixes) {
                for (String encoded : encodedValues) {
                    next.add(prefix + encoded);
                }
            }
            prefixes = next;
        }
        if (multikey) {
            store.markMultikey();
        }
        String id = IndexKeyEncoder.encode(document.get("_id"), true);
        Set<String> entries = new LinkedHashSet<>(prefixes.size());
        for (String prefix : prefixes) {
            entries.add(prefix + id);
        }
        return entries;
    }

    @Override
    public P getPosition(Document document) {
        return unique == null ? null : unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        if (unique != null) {
            unique.checkAdd(document, collection);
        }
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        if (unique != null) {
            unique.add(document, position, collection);
        }
        for (String entry : entries(document)) {
            store.put(entry, position);
        }
    }

    @Override
    public P remove(Document document) {
        P position = unique == null ? null : unique.remove(document);
        for (String entry : entries(document)) {
            P removed = store.remove(entry);
            if (removed != null) {
                position = removed;
            }
        }
        return position;
    }

    /** The library may use a unique index for its exact lookups; the planner reads the ranges. */
    @Override
    public boolean canHandle(Document query) {
        return unique != null && unique.canHandle(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        if (unique != null) {
            return unique.getPositions(query);
        }
        throw new UnsupportedOperationException("the planner reads " + getName() + " itself");
    }

    @Override
    public long getCount() {
        return store.size();
    }

    /**
     * Asked by the library before it fills a new index from all documents. A persisted index that was filled once is
     * reported non-empty so a restart does not rebuild it; an unfinished one is cleared and rebuilt.
     */
    @Override
    public boolean isEmpty() {
        if (store.isBuilt()) {
            return false;
        }
        store.clear();
        clearUnique.run();
        return true;
    }

    @Override
    public long getDataSize() {
        return store.size();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        if (unique != null) {
            unique.checkUpdate(oldDocument, newDocument, collection);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        if (unique != null) {
            unique.updateInPlace(oldDocument, newDocument, position, collection);
        }
        Set<String> oldEntries = entries(oldDocument);
        Set<String> newEntries = entries(newDocument);
        if (oldEntries.equals(newEntries)) {
            return;
        }
        for (String entry : oldEntries) {
            if (!newEntries.contains(entry)) {
                store.remove(entry);
            }
        }
        for (String entry : newEntries) {
            if (!oldEntries.contains(entry)) {
                store.put(entry, position);
            }
        }
    }

    @Override
    public void drop() {
        if (unique != null) {
            unique.drop();
        }
        store.drop();
    }

    @Override
    public Document toIndexDescription() {
        Document description = super.toIndexDescription();
        if (!sparse) {
            description.remove("sparse");
        }
        if (partialFilter != null) {
            description.put("partialFilterExpression", partialFilter);
        }
        return description;
    }
}
