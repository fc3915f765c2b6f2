package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A partial index that a query implies holds only the documents its filter selects: the planner counts the filter's
 * conditions as keys, so the few members still waiting for their nudge are read on it, not every active member.
 */
class PartialIndexChoiceTest {

    static Stream<Arguments> backends() {
        return Stream.of(
            Arguments.of("memory", (Supplier<MongoBackend>) () -> new IndexedMemoryBackend(new StrictIndexes(true))),
            Arguments.of("h2", (Supplier<MongoBackend>) () -> new IndexedH2Backend((String) null, new StrictIndexes(true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anImpliedPartialIndexWinsOverAnEqualityOnAFieldItsFilterFixes(String name, Supplier<MongoBackend> backend) {
        MongoBackend server = backend.get();
        try (WireServer wire = new WireServer(server)) {
            MongoCollection<Document> members = wire.client.getDatabase("n").getCollection("members");
            members.createIndex(new Document("status", 1), new IndexOptions().name("members_status"));
            members.createIndex(new Document("nudgeDueAt", 1), new IndexOptions().name("members_nudge_due")
                .partialFilterExpression(new Document("status", "ACTIVE")
                    .append("nudgeDueAt", new Document("$exists", true))));
            Date now = new Date();
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Document member = new Document("_id", "m" + i).append("status", "ACTIVE");
                if (i % 100 == 0) {
                    member.append("nudgeDueAt", new Date(now.getTime() - 1000L * i));
                } else {
                    member.append("hasPosted", true);
                }
                documents.add(member);
            }
            members.insertMany(documents);

            Document due = new Document("status", "ACTIVE").append("hasPosted", new Document("$ne", true))
                .append("nudgedAt", new Document("$exists", false)).append("nudgeDueAt", new Document("$lte", now));
            assertThat(planFor(server, due).index.getName()).isEqualTo("members_nudge_due");
            assertThat(members.find(due).into(new ArrayList<>())).extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder("m0", "m100", "m200");

            // without the condition on nudgeDueAt the partial index would miss documents: the equality index serves
            assertThat(planFor(server, new Document("status", "ACTIVE")).index.getName()).isEqualTo("members_status");
            assertThat(members.countDocuments(new Document("status", "ACTIVE"))).isEqualTo(300);
        }
    }

    @SuppressWarnings("unchecked")
    private static QueryPlanner.Plan<Object> planFor(MongoBackend server, Document filter) {
        de.bwaldvogel.mongo.MongoCollection<?> collection = ((AbstractMongoBackend) server).resolveDatabase("n")
            .resolveCollection("members", true);
        List<Index<Object>> indexes = collection instanceof IndexedH2Collection h2
            ? h2.indexes() : (List<Index<Object>>) (List<?>) ((IndexedMemoryCollection) collection).indexes();
        return QueryPlanner.plan(indexes, serverSide(filter), null);
    }

    /** The filter as the server decodes it: its own documents, dates as instants. */
    private static de.bwaldvogel.mongo.bson.Document serverSide(Document filter) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        filter.forEach((key, value) -> converted.put(key, value instanceof Document nested ? serverSide(nested)
            : value instanceof Date date ? date.toInstant() : value));
        return converted;
    }
}
