package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** listIndexes, creating an index twice, dropIndex, and an H2 store opened again. */
class IndexLifecycleTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(StrictBackends.BOTH)
    void listCreateAgainAndDrop(String name, Supplier<MongoBackend> backend) {
        try (WireServer wire = new WireServer(backend.get())) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.insertOne(new Document("_id", 1).append("channelId", "c").append("createdAt", 1));
            Document partial = new Document("outbox.eventId", new Document("$exists", true));
            posts.createIndex(new Document("channelId", 1).append("createdAt", -1), new IndexOptions().name("channel_created"));
            posts.createIndex(new Document("outbox.eventId", 1), new IndexOptions().name("outbox").partialFilterExpression(partial));
            posts.createIndex(new Document("authorId", 1), new IndexOptions().name("author").sparse(true));
            // the same index again: nothing happens
            posts.createIndex(new Document("channelId", 1).append("createdAt", -1), new IndexOptions().name("channel_created"));

            // (the H2 backend lists them in no particular order)
            List<Document> indexes = posts.listIndexes().into(new ArrayList<>());
            assertThat(indexes).extracting(i -> i.getString("name"))
                .containsExactlyInAnyOrder("_id_", "channel_created", "outbox", "author");
            assertThat(named(indexes, "channel_created").get("key", Document.class))
                .isEqualTo(new Document("channelId", 1).append("createdAt", -1));
            assertThat(named(indexes, "outbox").get("partialFilterExpression", Document.class)).isEqualTo(partial);
            assertThat(named(indexes, "author").getBoolean("sparse")).isTrue();

            assertThat(posts.find(new Document("channelId", "c")).into(new ArrayList<>())).hasSize(1);
            posts.dropIndex("channel_created");
            assertThat(posts.listIndexes().into(new ArrayList<>())).extracting(i -> i.getString("name"))
                .containsExactlyInAnyOrder("_id_", "outbox", "author");
            assertThatThrownBy(() -> posts.find(new Document("channelId", "c")).first()).isInstanceOf(MongoCommandException.class);
        }
    }

    private static Document named(List<Document> indexes, String name) {
        return indexes.stream().filter(i -> name.equals(i.getString("name"))).findFirst().orElseThrow();
    }

    @Test
    void anH2StoreKeepsItsIndexesAcrossReopening(@TempDir Path directory) {
        String file = directory.resolve("kyoso.mv").toString();
        List<Document> documents = IndexedQueriesTest.documents(300);
        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.insertMany(documents);
            posts.createIndex(new Document("channelId", 1).append("createdAt", -1).append("_id", -1));
            posts.createIndex(new Document("outbox.eventId", 1), new IndexOptions().sparse(true));
        }
        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            assertThat(posts.listIndexes().into(new ArrayList<>())).hasSize(3);
            long expected = documents.stream().filter(d -> d.get("channelId").equals("c2")).count();
            assertThat(posts.find(new Document("channelId", "c2")).into(new ArrayList<>())).hasSize((int) expected);
            assertThat(posts.find(new Document("outbox.eventId", new Document("$exists", true))).into(new ArrayList<>())).hasSize(30);
            // still maintained after reopening
            posts.deleteMany(new Document("channelId", "c2"));
            posts.insertOne(new Document("_id", 1000).append("channelId", "c2").append("createdAt", new java.util.Date()));
            assertThat(posts.find(new Document("channelId", "c2")).into(new ArrayList<>())).hasSize(1);
        }
        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            assertThat(posts.find(new Document("channelId", "c2")).into(new ArrayList<>())).extracting(d -> d.get("_id"))
                .containsExactly(1000);
        }
    }
}
