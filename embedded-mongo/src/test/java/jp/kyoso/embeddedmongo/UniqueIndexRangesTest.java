package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A compound unique index answers queries on its first keys by a range, as MongoDB's does (every subscriber of one
 * target on {@code (target, memberId)}), gives their order, and still refuses a second document with the same keys.
 */
class UniqueIndexRangesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(StrictBackends.BOTH)
    void aPrefixOfAUniqueIndexIsARangeInItsOrder(String name, Supplier<MongoBackend> backend) {
        MongoBackend server = backend.get();
        try (WireServer wire = new WireServer(server)) {
            MongoCollection<Document> subscriptions = subscriptions(wire, 3, 100);

            assertThat(StrictBackends.plan(server, "n", "subscriptions", new Document("target", "t1")))
                .as("the ordered entries of the unique index, not a read of the collection")
                .satisfies(plan -> {
                    assertThat(plan.scansCollection).isFalse();
                    assertThat(plan.index.getName()).isEqualTo("target_member");
                    assertThat(plan.index.isUnique()).isTrue();
                });
            assertThat(subscriptions.find(new Document("target", "t1")).sort(new Document("memberId", -1)).limit(3)
                .into(new ArrayList<>())).extracting(d -> d.getString("memberId"))
                .containsExactly("m099", "m098", "m097");
            assertThat(subscriptions.countDocuments(new Document("target", "t2"))).isEqualTo(100);

            assertThatThrownBy(() -> subscriptions.insertOne(subscription(500, "t1", "m005")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
            subscriptions.updateOne(new Document("_id", "t1|m005"), Updates.set("memberId", "m500"));
            assertThat(subscriptions.find(new Document("target", "t1").append("memberId", "m500")).first()
                .getString("_id")).isEqualTo("t1|m005");
            // the old keys are free again, the new ones taken
            subscriptions.insertOne(subscription(501, "t1", "m005"));
            assertThatThrownBy(() -> subscriptions.insertOne(subscription(502, "t1", "m500")))
                .isInstanceOf(MongoWriteException.class);
            subscriptions.deleteMany(new Document("target", "t0"));
            assertThat(subscriptions.countDocuments(new Document("target", "t0"))).isZero();
            subscriptions.insertOne(subscription(503, "t0", "m001"));
            assertThat(subscriptions.countDocuments(new Document("target", "t0"))).isEqualTo(1);
        }
    }

    @Test
    void anH2StoreKeepsTheRangesAndTheUniquenessAcrossReopening(@TempDir Path directory) {
        String file = directory.resolve("kyoso.mv").toString();
        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            subscriptions(wire, 2, 50);
        }
        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            MongoCollection<Document> subscriptions = wire.client.getDatabase("n").getCollection("subscriptions");
            assertThat(subscriptions.find(new Document("target", "t1")).sort(new Document("memberId", 1)).limit(2)
                .into(new ArrayList<>())).extracting(d -> d.getString("memberId")).containsExactly("m000", "m001");
            assertThatThrownBy(() -> subscriptions.insertOne(subscription(900, "t0", "m007")))
                .isInstanceOf(MongoWriteException.class);
        }
    }

    private static MongoCollection<Document> subscriptions(WireServer wire, int targets, int members) {
        MongoCollection<Document> subscriptions = wire.client.getDatabase("n").getCollection("subscriptions");
        subscriptions.createIndex(new Document("target", 1).append("memberId", 1),
            new IndexOptions().unique(true).name("target_member"));
        List<Document> documents = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            for (int m = 0; m < members; m++) {
                documents.add(new Document("_id", "t" + t + "|m" + String.format("%03d", m)).append("target", "t" + t)
                    .append("memberId", String.format("m%03d", m)));
            }
        }
        subscriptions.insertMany(documents);
        return subscriptions;
    }

    private static Document subscription(int n, String target, String member) {
        return new Document("_id", "extra-" + n).append("target", target).append("memberId", member);
    }
}
