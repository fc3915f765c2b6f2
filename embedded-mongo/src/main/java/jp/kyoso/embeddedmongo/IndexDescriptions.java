package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * What both indexed databases share: the options of an index being created (the library passes only keys and
 * {@code sparse} to the backend, not {@code partialFilterExpression}), and aggregations whose first stage is a
 * {@code $match}, which the library would otherwise run over every document of the collection.
 */
final class IndexDescriptions {

    private final ThreadLocal<Document> pending = new ThreadLocal<>();

    void whileCreating(Document description, Runnable create) {
        Document previous = pending.get();
        pending.set(description);
        try {
            create.run();
        } finally {
            if (previous == null) {
                pending.remove();
            } else {
                pending.set(previous);
            }
        }
    }

    /** The partial filter of the index, from the description being created or the stored one (on opening). */
    Document partialFilter(String namespace, String indexName, Supplier<MongoCollection<?>> indexesCollection) {
        Document description = pending.get();
        if (description == null || !indexName.equals(description.get("name"))
            || !namespace.equals(String.valueOf(description.get("ns")))) {
            description = null;
            MongoCollection<?> indexes = indexesCollection.get();
            if (indexes != null) {
                for (Document stored : indexes.handleQuery(new Document("ns", namespace).append("name", indexName))) {
                    description = stored;
                }
            }
        }
        Object partialFilter = description == null ? null : description.get("partialFilterExpression");
        return partialFilter instanceof Document ? (Document) partialFilter : null;
    }

    /**
     * Answers an {@code aggregate} whose first stage is {@code $match} by querying the collection (indexes, strict
     * mode) and running the stages over the matches; null when the library should answer it itself.
     */
    static Document aggregate(MongoDatabase database, String command, Document query, DatabaseResolver resolver,
                              Oplog oplog) {
        Object pipelineObject = query.get("pipeline");
        if (!(pipelineObject instanceof List) || ((List<?>) pipelineObject).isEmpty()) {
            return null;
        }
        List<Document> pipeline = Aggregation.parse(pipelineObject);
        Document first = pipeline.get(0);
        if (!first.containsKey("$match") || !(first.get("$match") instanceof Document) || first.size() != 1) {
            return null;
        }
        Object collectionName = query.get(command);
        if (!(collectionName instanceof String)) {
            return null;
        }
        MongoCollection<?> collection = database.resolveCollection((String) collectionName, false);
        if (collection == null) {
            return null;
        }
        Document filter = (Document) first.get("$match");
        if (collection instanceof CountsFromIndex) {
            Document counted = countFromIndex((CountsFromIndex) collection, filter, pipeline);
            if (counted != null) {
                return cursorResponse(collection.getFullName(), List.of(counted)
                    .stream().filter(d -> !d.isEmpty()).collect(java.util.stream.Collectors.toList()));
            }
        }
        // a $sort then $skip/$limit right after the $match lets a sorted index stop early
        Document sort = null;
        int limit = 0;
        int skipped = 0;
        for (int i = 1; i < pipeline.size(); i++) {
            Document stage = pipeline.get(i);
            if (i == 1 && stage.containsKey("$sort") && stage.get("$sort") instanceof Document) {
                sort = (Document) stage.get("$sort");
            } else if (sort != null && stage.containsKey("$skip") && stage.get("$skip") instanceof Number) {
                skipped += ((Number) stage.get("$skip")).intValue();
            } else if (sort != null && stage.containsKey("$limit") && stage.get("$limit") instanceof Number) {
                limit = skipped + ((Number) stage.get("$limit")).intValue();
                break;
            } else {
                break;
            }
        }
        Aggregation aggregation = Aggregation.fromPipeline(pipeline, resolver, database, collection, oplog);
        aggregation.validate(query);
        Document selector = new Document("$query", filter);
        if (sort != null) {
            selector.put("$orderby", sort);
        }
        List<Document> matches = new ArrayList<>();
        for (Document document : collection.handleQuery(new QueryParameters(selector, 0, limit))) {
            matches.add(document);
        }
        return cursorResponse(collection.getFullName(), aggregation.runStages(matches.stream()));
    }

    private static Document cursorResponse(String namespace, List<Document> documents) {
        Document cursor = new Document();
        cursor.put("id", Long.valueOf(0));
        cursor.put("ns", namespace);
        cursor.put("firstBatch", documents);
        Document response = new Document("cursor", cursor);
        response.put("ok", Double.valueOf(1.0));
        return response;
    }

    /**
     * The driver's {@code countDocuments}: {@code [$match, $skip?, $limit?, $group {_id: <constant>, n: {$sum: 1}}]}.
     * Answered from the index when it decides the filter alone: the group document, an empty document for no match
     * ($group then gives nothing), or null when the documents must be read.
     */
    private static Document countFromIndex(CountsFromIndex collection, Document filter, List<Document> pipeline) {
        int skip = 0;
        int limit = 0;
        int i = 1;
        if (i < pipeline.size() && pipeline.get(i).get("$skip") instanceof Number) {
            skip = ((Number) pipeline.get(i++).get("$skip")).intValue();
        }
        if (i < pipeline.size() && pipeline.get(i).get("$limit") instanceof Number) {
            limit = ((Number) pipeline.get(i++).get("$limit")).intValue();
        }
        if (i != pipeline.size() - 1 || !(pipeline.get(i).get("$group") instanceof Document)) {
            return null;
        }
        Document group = (Document) pipeline.get(i).get("$group");
        if (group.size() != 2 || !group.containsKey("_id") || IndexDescriptions.isExpression(group.get("_id"))) {
            return null;
        }
        String countField = null;
        for (String field : group.keySet()) {
            if (!field.equals("_id")) {
                countField = field;
            }
        }
        Object accumulator = group.get(countField);
        if (!(accumulator instanceof Document) || !((Document) accumulator).keySet().equals(java.util.Set.of("$sum"))
            || !(((Document) accumulator).get("$sum") instanceof Integer)
            || ((Integer) ((Document) accumulator).get("$sum")) != 1) {
            return null;
        }
        Long count = collection.countFromIndex(filter);
        if (count == null) {
            return null;
        }
        long n = Math.max(0, count - skip);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        if (n == 0) {
            return new Document();
        }
        Document result = new Document("_id", group.get("_id"));
        result.put(countField, n <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) n) : (Object) Long.valueOf(n));
        return result;
    }

    private static boolean isExpression(Object value) {
        return value instanceof String && ((String) value).startsWith("$") || value instanceof Document;
    }
}
