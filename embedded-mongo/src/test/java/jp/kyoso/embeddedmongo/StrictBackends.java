package jp.kyoso.embeddedmongo;

import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import org.bson.Document;
import org.junit.jupiter.params.provider.Arguments;

/** Both backends in strict index mode, for parameterized tests, and the plan either one makes for a filter. */
final class StrictBackends {
    static final String BOTH = "jp.kyoso.embeddedmongo.StrictBackends#both";

    private StrictBackends() {
    }

    static Stream<Arguments> both() {
        return Stream.of(
            Arguments.of("memory", (Supplier<MongoBackend>) () -> new IndexedMemoryBackend(new StrictIndexes(true))),
            Arguments.of("h2", (Supplier<MongoBackend>) () -> new IndexedH2Backend((String) null, new StrictIndexes(true))));
    }

    /** The plan for the filter on the collection's indexes, the filter as the server decodes it. */
    @SuppressWarnings("unchecked")
    static QueryPlanner.Plan<Object> plan(MongoBackend server, String database, String collectionName,
                                          Document filter) {
        de.bwaldvogel.mongo.MongoCollection<?> collection = ((AbstractMongoBackend) server).resolveDatabase(database)
            .resolveCollection(collectionName, true);
        List<Index<Object>> indexes = collection instanceof IndexedH2Collection h2
            ? h2.indexes() : (List<Index<Object>>) (List<?>) ((IndexedMemoryCollection) collection).indexes();
        return QueryPlanner.plan(indexes, serverSide(filter), null);
    }

    /** The server's own documents, dates as instants. */
    private static de.bwaldvogel.mongo.bson.Document serverSide(Document filter) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        filter.forEach((key, value) -> converted.put(key, value instanceof Document nested ? serverSide(nested)
            : value instanceof Date date ? date.toInstant() : value));
        return converted;
    }
}
