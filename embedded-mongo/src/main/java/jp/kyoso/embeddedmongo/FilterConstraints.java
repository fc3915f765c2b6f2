package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * What a filter says about each field that an index could use: equality points ({@code v}, {@code $eq}, {@code $in}),
 * range bounds ({@code $gt/$gte/$lt/$lte}) and {@code $exists: true}, collected from the top level and top-level
 * {@code $and}; plus the top-level {@code $or} branches. Anything else ({@code $ne}, {@code $regex}, {@code $elemMatch},
 * equality with an array or a sub-document, ...) does not narrow and is left to the document filter, which always runs.
 */
final class FilterConstraints {

    static final class PathConstraint {
        /** Equality values (any of them), null when the filter has no usable equality on the path. */
        List<Object> points;
        Object lower;
        Object upper;
        boolean exists;
        /** Equality with a sub-document: only a unique index lookup (the library's own) can use these points. */
        boolean lookupOnly;

        boolean hasRange() {
            return lower != null || upper != null;
        }

        boolean isConstrained() {
            return points != null || hasRange() || exists;
        }

        /** Whether every document this constraint accepts has the field with a non-null value. */
        boolean excludesNull() {
            if (points != null) {
                return points.stream().noneMatch(Missing::isNullOrMissing);
            }
            return hasRange() || exists;
        }

        boolean isSinglePoint() {
            return points != null && points.size() == 1;
        }
    }

    private final Map<String, PathConstraint> paths = new LinkedHashMap<>();
    private final List<List<Document>> orBranches = new ArrayList<>();

    private FilterConstraints() {
    }

    static FilterConstraints of(Document filter) {
        FilterConstraints constraints = new FilterConstraints();
        if (filter != null) {
            constraints.collect(filter);
        }
        return constraints;
    }

    /** These constraints and those of one {@code $or} branch: what a document of that branch satisfies. */
    FilterConstraints withBranch(Document branch) {
        FilterConstraints combined = new FilterConstraints();
        for (Map.Entry<String, PathConstraint> entry : paths.entrySet()) {
            PathConstraint original = entry.getValue();
            PathConstraint copy = new PathConstraint();
            copy.points = original.points;
            copy.lower = original.lower;
            copy.upper = original.upper;
            copy.exists = original.exists;
            copy.lookupOnly = original.lookupOnly;
            combined.paths.put(entry.getKey(), copy);
        }
        combined.collect(branch);
        return combined;
    }

    Map<String, PathConstraint> paths() {
        return paths;
    }

    PathConstraint get(String path) {
        return paths.get(path);
    }

    /** The {@code $or} lists of the filter (top level or in a top-level {@code $and}). */
    List<List<Document>> orBranches() {
        return orBranches;
    }

    /** The field names, for messages: {@code {channelId, deletedAt}}. */
    static String shape(Document filter) {
        Set<String> fields = new LinkedHashSet<>();
        collectShape(filter, fields);
        return "{" + String.join(", ", fields) + "}";
    }

    private static void collectShape(Document filter, Set<String> fields) {
        if (filter == null) {
            return;
        }
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            if ((key.equals("$and") || key.equals("$or") || key.equals("$nor")) && entry.getValue() instanceof Collection) {
                Set<String> inner = new LinkedHashSet<>();
                for (Object element : (Collection<?>) entry.getValue()) {
                    if (element instanceof Document) {
                        collectShape((Document) element, key.equals("$and") ? fields : inner);
                    }
                }
                if (!key.equals("$and")) {
                    fields.add(key + ":[" + String.join(", ", inner) + "]");
                }
            } else if (!key.startsWith("$")) {
                Object value = entry.getValue();
                if (IndexKeyEncoder.isOperatorDocument(value)) {
                    Set<String> operators = ((Document) value).keySet();
                    if (operators.equals(Set.of("$eq"))) {
                        fields.add(key);
                    } else {
                        fields.add(key + " " + String.join(",", operators));
                    }
                } else if (value instanceof BsonRegularExpression || value instanceof java.util.regex.Pattern) {
                    fields.add(key + " $regex");
                } else {
                    fields.add(key);
                }
            } else if (!key.equals("$comment")) {
                fields.add(key);
            }
        }
    }

    private void collect(Document filter) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof Collection) {
                for (Object element : (Collection<?>) value) {
                    if (element instanceof Document) {
                        collect((Document) element);
                    }
                }
            } else if (key.equals("$or") && value instanceof Collection) {
                List<Document> branches = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    if (element instanceof Document) {
                        branches.add((Document) element);
                    }
                }
                orBranches.add(branches);
            } else if (!key.startsWith("$")) {
                collectPath(key, value);
            }
        }
    }

    private void collectPath(String path, Object value) {
        if (IndexKeyEncoder.isOperatorDocument(value)) {
            Document operators = (Document) value;
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                Object operand = operator.getValue();
                switch (operator.getKey()) {
                    case "$eq":
                        addPoints(path, List.of(operand == null ? Missing.getInstance() : operand));
                        break;
                    case "$in":
                        if (operand instanceof Collection) {
                            addPoints(path, new ArrayList<>((Collection<?>) operand));
                        }
                        break;
                    case "$gt":
                    case "$gte":
                        if (isBound(operand)) {
                            constraint(path).lower = operand;
                        }
                        break;
                    case "$lt":
                    case "$lte":
                        if (isBound(operand)) {
                            constraint(path).upper = operand;
                        }
                        break;
                    case "$exists":
                        if (Boolean.TRUE.equals(operand) || (operand instanceof Number && ((Number) operand).intValue() != 0)) {
                            constraint(path).exists = true;
                        }
                        break;
                    default:
                        // does not narrow an index scan; the document filter applies it
                }
            }
        } else {
            addPoints(path, java.util.Collections.singletonList(value == null ? Missing.getInstance() : value));
        }
    }

    private static boolean isBound(Object operand) {
        return !Missing.isNullOrMissing(operand) && IndexKeyEncoder.isExactlyOrdered(operand);
    }

    private void addPoints(String path, List<Object> values) {
        boolean subDocuments = false;
        for (Object value : values) {
            if (path.equals("_id") && value instanceof Document && !IndexKeyEncoder.isOperatorDocument(value)) {
                subDocuments = true; // a compound _id: the library's _id index looks it up as a whole
            } else if (!IndexKeyEncoder.isExactlyOrdered(value)) {
                return; // arrays, sub-documents, regular expressions: equality the index cannot look up
            }
        }
        if (subDocuments) {
            constraint(path).lookupOnly = true;
        }
        PathConstraint constraint = constraint(path);
        if (constraint.points == null) {
            constraint.points = values;
        }
    }

    private PathConstraint constraint(String path) {
        return paths.computeIfAbsent(path, p -> new PathConstraint());
    }
}
