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
 * A non-unique, ordered (compound, ascending/descending, multikey, sparse, partial) index. Each document gets one
 * entry per combination of its key values — an array gives one entry per element — keyed by the encoded values
 * followed by the encoded {@code _id}, so entries are unique and a document's own entries can be found again to
 * remove them. The library never asks it to answer a query ({@link #canHandle} is false); {@link QueryPlanner} reads
 * its ranges.
 */
final class OrderedIndex<P> extends Index<P> {

    private final boolean sparse;
    private final Document partialFilter;
    private final IndexEntryStore<P> store;
    private final QueryMatcher matcher = new DefaultQueryMatcher();

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, Document partialFilter, IndexEntryStore<P> store) {
        super(name, keys, sparse);
        this.sparse = sparse;
        this.partialFilter = partialFilter;
        this.store = store;
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
        return sparse == that.sparse && Objects.equals(partialFilter, that.partialFilter)
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
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to check
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        for (String entry : entries(document)) {
            store.put(entry, position);
        }
    }

    @Override
    public P remove(Document document) {
        P position = null;
        for (String entry : entries(document)) {
            P removed = store.remove(entry);
            if (removed != null) {
                position = removed;
            }
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
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
        return true;
    }

    @Override
    public long getDataSize() {
        return store.size();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to check
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
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
