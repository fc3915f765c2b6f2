package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A partial index that a query implies holds only the documents its filter selects: the planner counts the filter's
 * conditions as keys, so the few members still waiting for their nudge are read on it, not every active member.
 */
class PartialIndexChoiceTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(StrictBackends.BOTH)
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
            assertThat(StrictBackends.plan(server, "n", "members", due).index.getName()).isEqualTo("members_nudge_due");
            assertThat(members.find(due).into(new ArrayList<>())).extracting(d -> d.getString("_id"))
                .containsExactlyInAnyOrder("m0", "m100", "m200");

            // without the condition on nudgeDueAt the partial index would miss documents: the equality index serves
            assertThat(StrictBackends.plan(server, "n", "members", new Document("status", "ACTIVE")).index.getName())
                .isEqualTo("members_status");
            assertThat(members.countDocuments(new Document("status", "ACTIVE"))).isEqualTo(300);
        }
    }
}
