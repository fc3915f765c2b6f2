package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The slow-command log names the database, the collection and the command of each one at or over its threshold. */
class SlowCommandsTest {

    @Test
    void aCommandAtTheThresholdIsNamedWithItsCollection() {
        List<String> reported = new CopyOnWriteArrayList<>();
        SlowCommands everything = new SlowCommands(0, reported::add);
        try (WireServer wire = new WireServer(
            new IndexedH2Backend(IndexedH2Backend.openStore(null), StrictIndexes.off(), true, everything))) {
            MongoCollection<Document> items = wire.client.getDatabase("shop").getCollection("items");
            items.insertOne(new Document("_id", "a").append("name", "りんご"));
            assertThat(items.find(new Document("_id", "a")).first()).isNotNull();
        }
        assertThat(reported).anyMatch(line -> line.matches("slow command: shop\\.items insert took \\d+ ms"))
            .anyMatch(line -> line.matches("slow command: shop\\.items find took \\d+ ms"));
    }

    @Test
    void aCommandUnderTheThresholdOrWithTheLogOffIsNotNamed() {
        List<String> reported = new CopyOnWriteArrayList<>();
        for (SlowCommands quiet : List.of(new SlowCommands(60_000, reported::add), new SlowCommands(-1, reported::add))) {
            try (WireServer wire = new WireServer(
                new IndexedH2Backend(IndexedH2Backend.openStore(null), StrictIndexes.off(), true, quiet))) {
                MongoCollection<Document> items = wire.client.getDatabase("shop").getCollection("items");
                items.insertOne(new Document("_id", "b"));
                assertThat(items.countDocuments()).isEqualTo(1);
            }
        }
        assertThat(reported).isEmpty();
    }
}
