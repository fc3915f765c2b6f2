package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./kyoso compact} on a real store of the MongoDB-wire server, stopped and running. */
class KyosoCliCompactTest {
    private static final String BODY = "人事異動の引き継ぎ資料をどう残していますか。".repeat(30);

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void aStoppedPlatformsStoreShrinksAndKeepsItsData() throws Exception {
        int port = Ports.randomFree().mongo();
        // a stop after each step writes it to the file (MVStore otherwise keeps up to a second of changes in memory),
        // so the file holds three versions of the posts, two of them dead
        withPosts(port, posts -> {
            posts.createIndex(new Document("keep", 1));
            List<Document> documents = new ArrayList<>();
            for (int n = 0; n < 3_000; n++) {
                documents.add(new Document("_id", "p" + n).append("body", BODY).append("keep", n % 10 == 0));
            }
            posts.insertMany(documents);
        });
        withPosts(port, posts -> posts.updateMany(Filters.in("keep", true, false), Updates.set("body", BODY + "（追記）")));
        withPosts(port, posts -> posts.deleteMany(Filters.eq("keep", false)));
        Path store = MongoWireServer.storeFile(dataDir);
        long before = Files.size(store);

        assertThat(cli().run(List.of("compact"))).isZero();

        assertThat(printed()).contains("compacting " + store, "compacted in");
        assertThat(Files.size(store)).isLessThan(before / 2);
        withPosts(port, posts -> {
            assertThat(posts.countDocuments()).isEqualTo(300);
            assertThat(posts.find(Filters.eq("_id", "p2990")).first()).containsEntry("body", BODY + "（追記）");
        });
    }

    private void withPosts(int port, Consumer<MongoCollection<Document>> step) throws Exception {
        MongoWireServer server = new MongoWireServer(dataDir, port);
        server.start();
        try (MongoClient client = MongoClients.create(server.uri("kyoso-posts"))) {
            step.accept(client.getDatabase("kyoso-posts").getCollection("posts"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aRunningPlatformsStoreIsLeftAloneWithAWordOnWhatToDo() throws Exception {
        MongoWireServer server = new MongoWireServer(dataDir, Ports.randomFree().mongo());
        server.start();
        try (MongoClient client = MongoClients.create(server.uri("kyoso-posts"))) {
            client.getDatabase("kyoso-posts").getCollection("posts").insertOne(new Document("body", BODY));
            long before = Files.size(MongoWireServer.storeFile(dataDir));

            assertThat(cli().run(List.of("compact"))).isEqualTo(1);

            assertThat(printed()).contains("stop it with ./kyoso down first");
            assertThat(Files.size(MongoWireServer.storeFile(dataDir))).isEqualTo(before);
            assertThat(client.getDatabase("kyoso-posts").getCollection("posts").countDocuments()).isEqualTo(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void aDataDirectoryWithoutAStoreHasNothingToCompact() {
        assertThat(cli().run(List.of("compact"))).isZero();

        assertThat(printed()).contains("nothing to compact");
        assertThat(MongoWireServer.storeFile(dataDir)).doesNotExist();
    }

    private KyosoCli cli() {
        return new KyosoCli(new PrintStream(printed, true, StandardCharsets.UTF_8),
                Map.of("KYOSO_DATA_DIR", dataDir.toString()), dataDir);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
