package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

/**
 * How an indexed collection answers a query (find, count, distinct, update, delete, findAndModify, the first
 * {@code $match} of an aggregation): plan, check the strict mode, then read. Shared by the memory and the H2
 * collection, which give it access to their documents.
 */
final class IndexedQueries<P> {

    /** What the collections give access to; their protected methods under other names. */
    interface Access<P> {
        String fullName();

        boolean isSystemCollection();

        List<Index<P>> indexes();

        Document load(P position);

        QueryResult scanCollection(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector);

        QueryResult fromPositions(Document query, Iterable<P> positions, Document orderBy, int skip, int limit,
                                  int batchSize, Document fieldSelector);

        QueryResult fromOrderedDocuments(Document query, Stream<Document> documents, int skip, int limit, int batchSize,
                                         Document fieldSelector);
    }

    private final Access<P> collection;
    private final StrictIndexes strictIndexes;

    IndexedQueries(Access<P> collection, StrictIndexes strictIndexes) {
        this.collection = collection;
        this.strictIndexes = strictIndexes;
    }

    QueryResult query(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        if (collection.isSystemCollection()) {
            return collection.scanCollection(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        boolean emptyFilter = isEmpty(query);
        List<QueryPlanner.SortKey> sort = QueryPlanner.sortKeys(orderBy);
        boolean limited = limit > 0;

        QueryPlanner.Plan<P> plan = emptyFilter ? null : QueryPlanner.plan(collection.indexes(), query, orderBy);
        if (plan == null && !sort.isEmpty() && limited) {
            // the whole collection in sort order, read until the page is full
            QueryPlanner.Plan<P> sortOnly = QueryPlanner.planSortOnly(collection.indexes(), orderBy);
            if (sortOnly != null) {
                if (!emptyFilter) {
                    checkStrict(query, orderBy, null);
                }
                return readInOrder(sortOnly, query, skip, limit, batchSize, fieldSelector);
            }
        }
        if (emptyFilter) {
            if (!sort.isEmpty() && limited) {
                checkStrict(query, orderBy, null);
            }
            return collection.scanCollection(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        if (plan == null || (limited && !sort.isEmpty() && !plan.providesSort)) {
            checkStrict(query, orderBy, plan);
        }
        if (plan == null || plan.scansCollection) {
            return collection.scanCollection(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        if (!plan.isUnion() && plan.providesSort && (!sort.isEmpty() || limited)) {
            return readInOrder(plan, query, skip, limit, batchSize, fieldSelector);
        }
        Iterator<P> positions = WideReads.counted(plan.positions(), collection.fullName(), query, plan);
        return collection.fromPositions(query, () -> positions, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * The number of documents matching the filter when an index decides it alone — the filter is only equalities
     * ({@code v}, {@code $eq}, {@code $in}) on the leading keys of a non-multikey index — counted from the index
     * without loading a document; null otherwise.
     */
    Long countFromIndex(Document filter) {
        if (collection.isSystemCollection() || isEmpty(filter) || !onlyEqualities(filter)) {
            return null;
        }
        QueryPlanner.Plan<P> plan = QueryPlanner.plan(collection.indexes(), filter, null);
        if (plan == null || plan.isUnion() || plan.lookup != null || plan.scansCollection || plan.hasRange
            || !(plan.index instanceof OrderedIndex)) {
            return null;
        }
        OrderedIndex<P> index = (OrderedIndex<P>) plan.index;
        if (index.isMultikey() || index.isSparseIndex() || index.partialFilter() != null) {
            return null;
        }
        FilterConstraints constraints = FilterConstraints.of(filter);
        java.util.Set<String> prefix = new java.util.HashSet<>();
        for (int i = 0; i < plan.equalityKeys; i++) {
            prefix.add(index.getKeys().get(i).getKey());
        }
        if (!prefix.containsAll(constraints.paths().keySet())) {
            return null;
        }
        return plan.countEntries();
    }

    private static boolean onlyEqualities(Document filter) {
        for (java.util.Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof List) {
                for (Object element : (List<?>) value) {
                    if (!(element instanceof Document) || !onlyEqualities((Document) element)) {
                        return false;
                    }
                }
                continue;
            }
            if (key.startsWith("$")) {
                return false;
            }
            if (IndexKeyEncoder.isOperatorDocument(value)) {
                Document operators = (Document) value;
                if (operators.size() != 1) {
                    return false;
                }
                Object operand = operators.get("$eq");
                if (operand == null && operators.containsKey("$in") && operators.get("$in") instanceof List) {
                    for (Object element : (List<?>) operators.get("$in")) {
                        if (!isExactEquality(element)) {
                            return false;
                        }
                    }
                    continue;
                }
                if (!operators.containsKey("$eq") || !isExactEquality(operand)) {
                    return false;
                }
            } else if (!isExactEquality(value)) {
                return false;
            }
        }
        return true;
    }

    /** Values whose index key is equal exactly when the matcher calls them equal (numbers: exact as doubles). */
    private static boolean isExactEquality(Object value) {
        if (value instanceof Integer || value instanceof String || value instanceof Boolean || value == null) {
            return true;
        }
        if (value instanceof Long) {
            return Math.abs((Long) value) <= (1L << 53);
        }
        if (value instanceof Double) {
            return !((Double) value).isNaN();
        }
        return value instanceof Number ? false : IndexKeyEncoder.isExactlyOrdered(value);
    }

    private QueryResult readInOrder(QueryPlanner.Plan<P> plan, Document query, int skip, int limit, int batchSize,
                                    Document fieldSelector) {
        Iterator<P> positions = WideReads.counted(plan.positions(), collection.fullName(), query, plan);
        Stream<Document> documents = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false)
            .map(collection::load)
            .filter(document -> document != null);
        return collection.fromOrderedDocuments(query, documents, skip, limit, batchSize, fieldSelector);
    }

    private void checkStrict(Document query, Document orderBy, QueryPlanner.Plan<P> plan) {
        String filterShape = FilterConstraints.shape(query);
        String sortShape = orderBy == null || orderBy.isEmpty() ? "" : " sort " + describeSort(orderBy);
        String shape = collection.fullName() + " " + filterShape + sortShape;
        String problem = plan == null
            ? "no index on " + collection.fullName() + " serves filter " + filterShape + sortShape
            : "no index on " + collection.fullName() + " serves filter " + filterShape + sortShape
                + " with its sort and limit (" + plan.describe() + " narrows the filter but a page would need an"
                + " in-memory sort of every match; put the equality keys first, then the sort keys)";
        strictIndexes.reject(shape, problem + "; indexes: " + describeIndexes());
    }

    private String describeIndexes() {
        List<String> names = new ArrayList<>();
        for (Index<P> index : collection.indexes()) {
            StringBuilder keys = new StringBuilder();
            for (IndexKey key : index.getKeys()) {
                keys.append(keys.length() == 0 ? "" : ", ").append(key.getKey()).append(':').append(key.isAscending() ? 1 : -1);
            }
            String options = index.isUnique() ? " unique" : "";
            if (index instanceof OrderedIndex) {
                OrderedIndex<P> ordered = (OrderedIndex<P>) index;
                options += ordered.isSparseIndex() ? " sparse" : "";
                options += ordered.partialFilter() != null ? " partial " + ordered.partialFilter() : "";
            }
            names.add(index.getName() + " {" + keys + "}" + options);
        }
        return names.toString();
    }

    private static String describeSort(Document orderBy) {
        List<String> parts = new ArrayList<>();
        orderBy.forEach((field, direction) -> parts.add(field + ":" + direction));
        return "{" + String.join(", ", parts) + "}";
    }

    private static boolean isEmpty(Document query) {
        if (query == null) {
            return true;
        }
        for (String key : query.keySet()) {
            if (!key.equals("$comment")) {
                return false;
            }
        }
        return true;
    }
}
