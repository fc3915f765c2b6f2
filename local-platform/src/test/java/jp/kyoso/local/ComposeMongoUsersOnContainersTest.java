package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The MongoDB of docker-compose.yml on the real {@code mongo:8} image, with the compose file's entrypoint wrapper, init
 * script and command: authentication on, one user per service that may read and write its own database and nothing
 * else. Where no Docker engine answers, JUnit skips this class and says so ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeMongoUsersOnContainersTest {

    private static final Path ROOT = LocalPlatform.Builder.findRepositoryRoot(Path.of("").toAbsolutePath());
    private static final String POSTS_PASSWORD = "posts-password-for-the-test-1";

    @Container
    @SuppressWarnings("resource")
    static final GenericContainer<?> MONGO = new GenericContainer<>("mongo:8")
            .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("deploy/compose/mongo/entrypoint.sh")),
                    "/kyoso/entrypoint.sh")
            .withCopyFileToContainer(MountableFile.forHostPath(
                    ROOT.resolve("deploy/compose/mongo/initdb/10-kyoso-service-users.js")),
                    "/docker-entrypoint-initdb.d/10-kyoso-service-users.js")
            .withCreateContainerCmdModifier(command -> command.withEntrypoint("bash", "/kyoso/entrypoint.sh"))
            .withCommand("mongod", "--replSet", "rs0", "--keyFile", "/data/configdb/kyoso-replica.key", "--bind_ip_all")
            .withEnv(Map.of(
                    "MONGO_INITDB_ROOT_USERNAME", "kyoso-root",
                    "MONGO_INITDB_ROOT_PASSWORD", "root-password-for-the-test-1",
                    "KYOSO_MONGO_MEMBERS_PASSWORD", "members-password-for-the-test-1",
                    "KYOSO_MONGO_POSTS_PASSWORD", POSTS_PASSWORD,
                    "KYOSO_MONGO_NOTIFICATIONS_PASSWORD", "notifications-password-for-the-test"))
            .withExposedPorts(27017)
            // the image restarts mongod after the init scripts; the second "waiting for connections" is the real one
            .waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 2))
            .withStartupTimeout(Duration.ofMinutes(3));

    @Test
    void eachServiceUserReadsAndWritesItsOwnDatabaseOnly() throws Exception {
        initiateTheReplicaSetAsTheComposeHealthCheckDoes();

        try (MongoClient posts = MongoClients.create(uri("posts-service", POSTS_PASSWORD, "kyoso-posts"))) {
            posts.getDatabase("kyoso-posts").getCollection("posts").insertOne(new Document("title", "住民票の写しの交付"));
            assertThat(posts.getDatabase("kyoso-posts").getCollection("posts").countDocuments()).isEqualTo(1);

            assertThatThrownBy(() -> posts.getDatabase("kyoso-members").getCollection("members").find().first())
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("not authorized");
        }
        try (MongoClient impostor = MongoClients.create(uri("posts-service", "a-wrong-password-here", "kyoso-posts"))) {
            assertThatThrownBy(() -> impostor.getDatabase("kyoso-posts").getCollection("posts").countDocuments())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    private static void initiateTheReplicaSetAsTheComposeHealthCheckDoes() throws Exception {
        String script = "db.getSiblingDB('admin').auth(process.env.MONGO_INITDB_ROOT_USERNAME,"
                + " process.env.MONGO_INITDB_ROOT_PASSWORD);"
                + " try { rs.status(); } catch (e) { rs.initiate({ _id: 'rs0', members: [ { _id: 0, host: 'localhost:27017' } ] }); }"
                + " quit(db.hello().isWritablePrimary ? 0 : 1);";
        await("this node elected primary of rs0").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> MONGO.execInContainer("mongosh", "--quiet", "--norc", "--eval", script).getExitCode() == 0);
    }

    private static String uri(String user, String password, String database) {
        return "mongodb://" + user + ":" + password + "@" + MONGO.getHost() + ":" + MONGO.getMappedPort(27017) + "/"
                + database + "?authSource=" + database + "&directConnection=true&serverSelectionTimeoutMS=10000";
    }
}
