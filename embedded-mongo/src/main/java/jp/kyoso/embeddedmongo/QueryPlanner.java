package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import jp.kyoso.embeddedmongo.FilterConstraints.PathConstraint;

/**
 * Picks how to find the documents of a query: an {@code _id} (or other unique-index) lookup, ranges of one
 * {@link OrderedIndex}, or a union of plans for the branches of a top-level {@code $or}. A plan only narrows the
 * candidates; the collection still runs the whole filter on each of them.
 * <p>
 * An ordered index serves a query when its first key is constrained (equality, {@code $in}, a range, or
 * {@code $exists: true} on a sparse/partial index); the scan covers the equality prefix and then one range. It gives
 * the requested sort when, after dropping the sort fields fixed by single-value equality on the prefix, the sort keys
 * are the next index keys, all in the index's direction or all reversed (ESR).
 */
final class QueryPlanner {

    /** Beyond this many {@code $in} combinations a plan uses a shorter equality prefix. */
    private static final int MAX_POINT_COMBINATIONS = 1000;

    record SortKey(String field, boolean ascending) {
    }

    /** Entries {@code from <= key < toExclusive}; the first {@code prefixLength} chars are the equality prefix. */
    record Scan(String from, String toExclusive, int prefixLength) {
    }

    static final class Plan<P> {
        final Index<P> index;
        /** For unique-index lookups: the query the library's index answers itself. */
        final Document lookup;
        final List<Scan> scans;
        final boolean reverse;
        final boolean providesSort;
        final int score;
        final List<Plan<P>> branches;
        /** A plan the strict mode accepts but that still reads the whole collection (an {@code _id} range). */
        final boolean scansCollection;
        /** For ordered-index plans: how many leading keys are fixed by equality, and whether a range follows. */
        int equalityKeys;
        boolean hasRange;

        private Plan(Index<P> index, Document lookup, List<Scan> scans, boolean reverse, boolean providesSort,
                     int score, List<Plan<P>> branches, boolean scansCollection) {
            this.index = index;
            this.lookup = lookup;
            this.scans = scans;
            this.reverse = reverse;
            this.providesSort = providesSort;
            this.score = score;
            this.branches = branches;
            this.scansCollection = scansCollection;
        }

        boolean isUnion() {
            return branches != null;
        }

        String describe() {
            if (isUnion()) {
                List<String> parts = new ArrayList<>();
                for (Plan<P> branch : branches) {
                    parts.add(branch.describe());
                }
                return "OR" + parts;
            }
            if (scansCollection) {
                return "COLLSCAN(" + index.getName() + ")";
            }
            return (lookup != null ? "LOOKUP " : "IXSCAN ") + index.getName() + (reverse ? " reversed" : "");
        }

        /** Positions in index order (each once), lazily: a sorted plan stops reading when the query has enough. */
        Iterator<P> positions() {
            if (isUnion()) {
                List<Iterator<P>> parts = new ArrayList<>();
                for (Plan<P> branch : branches) {
                    parts.add(branch.positions());
                }
                return distinct(parts.iterator());
            }
            if (lookup != null) {
                return distinct(List.of(index.getPositions(lookup).iterator()).iterator());
            }
            OrderedIndex<P> ordered = (OrderedIndex<P>) index;
            if (providesSort && scans.size() > 1) {
                return distinct(List.of(merge(ordered)).iterator());
            }
            List<Scan> ordering = new ArrayList<>(scans);
            if (reverse) {
                Collections.reverse(ordering);
            }
            Iterator<Scan> scanIterator = ordering.iterator();
            Iterator<Iterator<P>> parts = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return scanIterator.hasNext();
                }

                @Override
                public Iterator<P> next() {
                    Scan scan = scanIterator.next();
                    Iterator<Map.Entry<String, P>> entries = ordered.store().scan(scan.from(), scan.toExclusive(), reverse);
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public P next() {
                            return entries.next().getValue();
                        }
                    };
                }
            };
            return distinct(parts);
        }

        /** The entries of all scans in one order: by what follows each scan's equality prefix. */
        private Iterator<P> merge(OrderedIndex<P> ordered) {
            record Head<P>(String suffix, P position, Iterator<Map.Entry<String, P>> rest, int prefixLength) {
            }
            java.util.Comparator<Head<P>> bySuffix = java.util.Comparator.comparing(Head::suffix);
            java.util.PriorityQueue<Head<P>> heads = new java.util.PriorityQueue<>(reverse ? bySuffix.reversed() : bySuffix);
            for (Scan scan : scans) {
                Iterator<Map.Entry<String, P>> entries = ordered.store().scan(scan.from(), scan.toExclusive(), reverse);
                if (entries.hasNext()) {
                    Map.Entry<String, P> first = entries.next();
                    heads.add(new Head<>(first.getKey().substring(scan.prefixLength()), first.getValue(), entries,
                        scan.prefixLength()));
                }
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !heads.isEmpty();
                }

                @Override
                public P next() {
                    Head<P> head = heads.poll();
                    if (head == null) {
                        throw new NoSuchElementException();
                    }
                    if (head.rest().hasNext()) {
                        Map.Entry<String, P> entry = head.rest().next();
                        heads.add(new Head<>(entry.getKey().substring(head.prefixLength()), entry.getValue(), head.rest(),
                            head.prefixLength()));
                    }
                    return head.position();
                }
            };
        }

        /** How many index entries the scans cover, without loading a document. */
        long countEntries() {
            long count = 0;
            for (Scan scan : scans) {
                count += ((OrderedIndex<P>) index).store().count(scan.from(), scan.toExclusive());
            }
            return count;
        }
    }

    private static <P> Iterator<P> distinct(Iterator<Iterator<P>> parts) {
        Set<P> seen = new HashSet<>();
        return new Iterator<>() {
            private Iterator<P> current = Collections.emptyIterator();
            private P next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready) {
                    if (current.hasNext()) {
                        P candidate = current.next();
                        if (seen.add(candidate)) {
                            next = candidate;
                            ready = true;
                        }
                    } else if (parts.hasNext()) {
                        current = parts.next();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public P next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    private QueryPlanner() {
    }

    static List<SortKey> sortKeys(Document orderBy) {
        List<SortKey> keys = new ArrayList<>();
        if (orderBy == null) {
            return keys;
        }
        for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
            if (entry.getKey().equals("$natural")) {
                continue;
            }
            boolean ascending = !(entry.getValue() instanceof Number) || ((Number) entry.getValue()).intValue() >= 0;
            keys.add(new SortKey(entry.getKey(), ascending));
        }
        return keys;
    }

    static boolean hasUnorderableSort(Document orderBy) {
        return orderBy != null && orderBy.values().stream().anyMatch(value -> !(value instanceof Number));
    }

    /** The best plan for the filter, or null when no index serves it (the collection is then scanned). */
    static <P> Plan<P> plan(List<Index<P>> indexes, Document filter, Document orderBy) {
        FilterConstraints constraints = FilterConstraints.of(filter);
        List<SortKey> sort = hasUnorderableSort(orderBy) ? List.of(new SortKey("$meta", true)) : sortKeys(orderBy);
        Plan<P> conjunction = planConjunction(indexes, constraints, sort);
        if (conjunction != null && (conjunction.providesSort || sort.isEmpty())) {
            return conjunction;
        }
        if (!constraints.orBranches().isEmpty()) {
            List<Document> branchFilters = constraints.orBranches().get(0);
            List<Plan<P>> branches = new ArrayList<>();
            boolean allSorted = true;
            for (Document branchFilter : branchFilters) {
                Plan<P> branch = planConjunction(indexes, constraints.withBranch(branchFilter), sort);
                if (branch == null || branch.scansCollection) {
                    branches = null;
                    break;
                }
                allSorted &= branch.providesSort;
                branches.add(branch);
            }
            if (branches != null && !branches.isEmpty()) {
                // a union is read whole and sorted in memory; it counts as serving the sort when every branch does
                boolean servesSort = sort.isEmpty() || allSorted;
                if (conjunction == null || (servesSort && !conjunction.providesSort)) {
                    return new Plan<>(null, null, null, false, servesSort, 0, branches, false);
                }
            }
        }
        return conjunction;
    }

    /** For an empty filter with a sort: an index whose keys start with the sort keys gives the order. */
    static <P> Plan<P> planSortOnly(List<Index<P>> indexes, Document orderBy) {
        List<SortKey> sort = sortKeys(orderBy);
        if (sort.isEmpty() || hasUnorderableSort(orderBy)) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (!(index instanceof OrderedIndex) || ((OrderedIndex<P>) index).isMultikey()) {
                continue;
            }
            OrderedIndex<P> ordered = (OrderedIndex<P>) index;
            if (ordered.partialFilter() != null || ordered.isSparseIndex()) {
                continue; // would miss the documents outside the index
            }
            Boolean reverse = sortDirection(ordered.getKeys(), 0, sort);
            if (reverse != null) {
                return new Plan<>(ordered, null, List.of(new Scan("", String.valueOf(IndexKeyEncoder.AFTER_ALL), 0)),
                    reverse, true, 1, null, false);
            }
        }
        return null;
    }

    private static <P> Plan<P> planConjunction(List<Index<P>> indexes, FilterConstraints constraints, List<SortKey> sort) {
        Plan<P> best = null;
        for (Index<P> index : indexes) {
            Plan<P> candidate;
            if (index instanceof OrderedIndex) {
                candidate = planOrdered((OrderedIndex<P>) index, constraints, sort);
            } else if (index.isUnique()) {
                candidate = planUnique(index, constraints, sort);
            } else {
                candidate = null;
            }
            if (candidate != null && isBetter(candidate, best, sort)) {
                best = candidate;
            }
        }
        return best;
    }

    private static <P> boolean isBetter(Plan<P> candidate, Plan<P> best, List<SortKey> sort) {
        if (best == null) {
            return true;
        }
        if (candidate.scansCollection != best.scansCollection) {
            return !candidate.scansCollection;
        }
        if (!sort.isEmpty() && candidate.providesSort != best.providesSort) {
            return candidate.providesSort;
        }
        return candidate.score > best.score;
    }

    private static <P> Plan<P> planUnique(Index<P> index, FilterConstraints constraints, List<SortKey> sort) {
        List<IndexKey> keys = index.getKeys();
        PathConstraint first = constraints.get(keys.get(0).getKey());
        if (first == null || !first.isConstrained()) {
            return null;
        }
        Document lookup = new Document();
        boolean singleDocument = true;
        for (IndexKey key : keys) {
            PathConstraint constraint = constraints.get(key.getKey());
            if (constraint == null || constraint.points == null) {
                lookup = null;
                break;
            }
            if (constraint.isSinglePoint()) {
                Object value = constraint.points.get(0);
                lookup.put(key.getKey(), value instanceof Missing ? null : value);
            } else if (keys.size() == 1 && constraint.points.stream().noneMatch(v -> v instanceof Missing)) {
                lookup.put(key.getKey(), new Document("$in", constraint.points));
                singleDocument = false;
            } else {
                lookup = null;
                break;
            }
        }
        if (lookup != null && index.canHandle(lookup)) {
            return new Plan<>(index, lookup, null, false, singleDocument || sort.isEmpty(), 1000, null, false);
        }
        // served as far as the strict mode goes (MongoDB would use this index), but the library's unique indexes are
        // hash lookups: this reads the collection
        boolean sortOnKeys = sortDirection(keys, 0, sort) != null;
        return new Plan<>(index, null, null, false, sortOnKeys, 0, null, true);
    }

    private static <P> Plan<P> planOrdered(OrderedIndex<P> index, FilterConstraints constraints, List<SortKey> sort) {
        if (index.partialFilter() != null && !implies(constraints, index.partialFilter())) {
            return null;
        }
        List<IndexKey> keys = index.getKeys();
        for (IndexKey key : keys) {
            PathConstraint constraint = constraints.get(key.getKey());
            if (constraint != null && constraint.lookupOnly) {
                return null;
            }
        }
        PathConstraint first = constraints.get(keys.get(0).getKey());
        if (first == null || !first.isConstrained()) {
            return null;
        }
        boolean sparseOrPartial = index.isSparseIndex() || index.partialFilter() != null;
        if (index.isSparseIndex() && !first.excludesNull()) {
            return null; // documents without the field are not in a sparse index
        }

        List<List<String>> pointEncodings = new ArrayList<>();
        long combinations = 1;
        for (IndexKey key : keys) {
            PathConstraint constraint = constraints.get(key.getKey());
            if (constraint == null || constraint.points == null) {
                break;
            }
            Set<String> encoded = new LinkedHashSet<>();
            for (Object point : constraint.points) {
                encoded.add(IndexKeyEncoder.encode(point, key.isAscending()));
            }
            if (combinations * Math.max(1, encoded.size()) > MAX_POINT_COMBINATIONS) {
                break;
            }
            combinations *= encoded.size();
            pointEncodings.add(new ArrayList<>(encoded));
        }
        int equalityKeys = pointEncodings.size();
        boolean prefixComplete = equalityKeys == keys.size()
            || constraints.get(keys.get(equalityKeys).getKey()) == null
            || constraints.get(keys.get(equalityKeys).getKey()).points == null;

        IndexKey rangeKey = equalityKeys < keys.size() && prefixComplete ? keys.get(equalityKeys) : null;
        PathConstraint range = rangeKey == null ? null : constraints.get(rangeKey.getKey());
        boolean hasRange = range != null && range.hasRange();
        boolean existsScan = equalityKeys == 0 && !hasRange && first.exists && sparseOrPartial;
        if (equalityKeys == 0 && !hasRange && !existsScan) {
            return null;
        }

        List<String> prefixes = List.of("");
        for (List<String> encodings : pointEncodings) {
            List<String> next = new ArrayList<>();
            for (String prefix : prefixes) {
                for (String encoding : encodings) {
                    next.add(prefix + encoding);
                }
            }
            prefixes = next;
        }
        List<Scan> scans = new ArrayList<>();
        for (String prefix : prefixes) {
            if (hasRange) {
                Object lower = range.lower;
                // for an array field each bound may be met by another element: only one bound narrows safely
                Object upper = index.isMultikey() && lower != null ? null : range.upper;
                String low = lower == null ? null : IndexKeyEncoder.encode(lower, rangeKey.isAscending());
                String high = upper == null ? null : IndexKeyEncoder.encode(upper, rangeKey.isAscending());
                if (!rangeKey.isAscending()) {
                    String swap = low;
                    low = high;
                    high = swap;
                }
                scans.add(new Scan(low == null ? prefix : prefix + low,
                    high == null ? prefix + IndexKeyEncoder.AFTER_ALL : prefix + high + IndexKeyEncoder.AFTER_ALL,
                    prefix.length()));
            } else {
                scans.add(new Scan(prefix, prefix + IndexKeyEncoder.AFTER_ALL, prefix.length()));
            }
        }
        // keep the scans in key order, so that reading them one after the other is reading the index in order
        scans.sort((a, b) -> a.from().compareTo(b.from()));

        boolean reverse = false;
        boolean providesSort;
        if (sort.isEmpty()) {
            providesSort = true;
        } else if (index.isMultikey()) {
            providesSort = false;
        } else {
            // keys with one equality value do not change the order; keys with several ($in) are merged (like
            // MongoDB's SORT_MERGE): each scan is in sort order after its prefix
            Set<String> fixed = new HashSet<>();
            for (int i = 0; i < equalityKeys; i++) {
                PathConstraint constraint = constraints.get(keys.get(i).getKey());
                if (constraint.isSinglePoint()) {
                    fixed.add(keys.get(i).getKey());
                }
            }
            List<SortKey> remaining = new ArrayList<>();
            for (SortKey key : sort) {
                if (!fixed.contains(key.field())) {
                    remaining.add(key);
                }
            }
            Boolean direction = remaining.isEmpty() ? Boolean.FALSE : sortDirection(keys, equalityKeys, remaining);
            providesSort = direction != null;
            reverse = Boolean.TRUE.equals(direction);
        }
        int score = equalityKeys * 10 + (hasRange ? 5 : 0) + (existsScan ? 1 : 0) + partialFilterScore(index);
        Plan<P> plan = new Plan<>(index, null, scans, reverse, providesSort, score, null, false);
        plan.equalityKeys = equalityKeys;
        plan.hasRange = hasRange;
        return plan;
    }

    /** False: the index order gives the sort; true: the reversed order does; null: neither. */
    private static Boolean sortDirection(List<IndexKey> keys, int offset, List<SortKey> sort) {
        if (sort.isEmpty() || offset + sort.size() > keys.size()) {
            return null;
        }
        Boolean reverse = null;
        for (int i = 0; i < sort.size(); i++) {
            IndexKey key = keys.get(offset + i);
            SortKey sortKey = sort.get(i);
            if (!key.getKey().equals(sortKey.field())) {
                return null;
            }
            boolean reversed = key.isAscending() != sortKey.ascending();
            if (reverse == null) {
                reverse = reversed;
            } else if (reverse != reversed) {
                return null;
            }
        }
        return reverse;
    }

    /**
     * What an implied partial filter adds to a plan: its conditions on fields outside the index's keys were applied
     * when the entries were written, so they count as the keys they stand for (an equality 10, {@code $exists} 5).
     * Without this, {@code {status: ACTIVE, nudgeDueAt <= now}} read every active member on {@code (status)} instead
     * of the few still waiting on {@code (nudgeDueAt)} partial to {@code {status: ACTIVE, nudgeDueAt exists}}.
     */
    private static int partialFilterScore(OrderedIndex<?> index) {
        if (index.partialFilter() == null) {
            return 0;
        }
        Set<String> keys = new HashSet<>();
        index.getKeys().forEach(key -> keys.add(key.getKey()));
        return partialFilterScore(index.partialFilter(), keys);
    }

    private static int partialFilterScore(Document partialFilter, Set<String> keys) {
        int score = 0;
        for (Map.Entry<String, Object> entry : partialFilter.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof List) {
                for (Object element : (List<?>) entry.getValue()) {
                    score += element instanceof Document ? partialFilterScore((Document) element, keys) : 0;
                }
            } else if (!keys.contains(entry.getKey())) {
                score += IndexKeyEncoder.isOperatorDocument(entry.getValue()) ? 5 : 10;
            }
        }
        return score;
    }

    /**
     * Whether every document the constraints accept passes the partial filter, for filters made of
     * {@code {field: {$exists: true}}} conditions (also inside {@code $and}) and plain equalities.
     */
    private static boolean implies(FilterConstraints constraints, Document partialFilter) {
        for (Map.Entry<String, Object> entry : partialFilter.entrySet()) {
            String field = entry.getKey();
            Object condition = entry.getValue();
            if (field.equals("$and") && condition instanceof List) {
                for (Object element : (List<?>) condition) {
                    if (!(element instanceof Document) || !implies(constraints, (Document) element)) {
                        return false;
                    }
                }
                continue;
            }
            PathConstraint constraint = constraints.get(field);
            if (constraint == null) {
                return false;
            }
            if (condition instanceof Document && ((Document) condition).keySet().equals(Set.of("$exists"))) {
                Object exists = ((Document) condition).get("$exists");
                if (!(Boolean.TRUE.equals(exists) || (exists instanceof Number && ((Number) exists).intValue() != 0))) {
                    return false;
                }
                if (!(constraint.exists || constraint.excludesNull())) {
                    return false;
                }
            } else if (!IndexKeyEncoder.isOperatorDocument(condition)) {
                if (!constraint.isSinglePoint()
                    || !IndexKeyEncoder.encode(constraint.points.get(0), true).equals(IndexKeyEncoder.encode(condition, true))) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }
}
