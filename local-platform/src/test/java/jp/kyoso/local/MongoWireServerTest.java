package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

class MongoWireServerTest {

    @TempDir
    Path dataDir;

    @Test
    void answersHelloAsSpringBootsHealthCheckSendsItAndKeepsDataAcrossRestarts() throws Exception {
        int port = Ports.randomFree().mongo();
        MongoWireServer server = new MongoWireServer(dataDir, port);
        server.start();
        try (MongoClient client = MongoClients.create(server.uri("kyoso-posts"))) {
            Document hello = client.getDatabase("kyoso-posts").runCommand(new Document("hello", 1));
            assertThat(hello.get("ok", Number.class).intValue()).isEqualTo(1);
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.get("maxWireVersion", Number.class).intValue()).isPositive();
            client.getDatabase("kyoso-posts").getCollection("posts").insertOne(new Document("title", "窓口業務のデジタル化"));
        } finally {
            server.stop();
        }

        MongoWireServer restarted = new MongoWireServer(dataDir, port);
        restarted.start();
        try (MongoClient client = MongoClients.create(restarted.uri("kyoso-posts"))) {
            Document post = client.getDatabase("kyoso-posts").getCollection("posts").find().first();
            assertThat(post).isNotNull();
            assertThat(post.getString("title")).isEqualTo("窓口業務のデジタル化");
            assertThat(client.getDatabase("kyoso-members").getCollection("posts").countDocuments()).isZero();
        } finally {
            restarted.stop();
        }
    }
}
