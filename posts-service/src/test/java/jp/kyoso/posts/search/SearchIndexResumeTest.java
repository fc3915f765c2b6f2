package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.kyoso.posts.PostsApplication;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The index outlives the instance: stopped and started again on the same directory, the service reads on from the
 * position its last commit recorded, reindexes only the threads whose events it missed, and is ready once it has
 * caught up, without a rebuild from MongoDB.
 *
 * <p>Two instances one after the other, each a whole service, on one database, one index directory and a topic of
 * their own (so that no other test's events are replayed and the count of threads read is exact). "Another instance"
 * writes while this one is down: a post in MongoDB and its event on the topic, as the outbox relay would publish it.
 */
class SearchIndexResumeTest {
    private static final Duration READY = Duration.ofSeconds(90);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = PostsEvents.TOPIC + ".resume-" + suffix;
    private final String database = "kyoso-resume-" + suffix;
    private Path indexDir;
    private ConfigurableApplicationContext running;
    private KafkaProducer<String, String> producer;
    /** "Another instance": writes to the same database, with a client of its own (this one may be stopped). */
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void topicAndDirectory() throws Exception {
        String brokers = EmbeddedInfrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer());
        indexDir = Files.createTempDirectory("kyoso-search-resume");
        client = MongoClients.create("mongodb://" + EmbeddedInfrastructure.mongoAddress());
        mongo = new MongoTemplate(client, database);
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        producer.close();
        client.close();
    }

    @Test
    void aRestartedInstanceCatchesUpWithWhatItMissedInsteadOfRebuilding() throws Exception {
        String marker = "zq" + suffix;
        running = start();
        SearchIndexer first = running.getBean(SearchIndexer.class);
        await().atMost(READY).until(first::isReady);
        assertThat(first.rebuilds()).as("a new directory is built from MongoDB").isEqualTo(1);

        List<String> before = List.of(publish("窓口業務の見直し " + marker), publish("防災無線の更新 " + marker),
                publish("戸籍事務の標準化 " + marker));
        await().atMost(READY).until(() -> found(running, marker), ids -> ids.size() == 3 && ids.containsAll(before));
        running.close();
        running = null;

        // while it is down: two new posts and one of the first hidden, each with its event
        String later = publish("ふるさと納税の事例 " + marker);
        String latest = publish("空き家対策の進め方 " + marker);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(before.get(1))), Update.update("hidden", true), "posts");
        send(PostsEvents.POST_HIDDEN, before.get(1));

        running = start();
        SearchIndexer second = running.getBean(SearchIndexer.class);
        await().atMost(READY).until(second::isReady);
        assertThat(second.rebuilds()).as("no rebuild").isZero();
        assertThat(second.lastRebuild()).isNull();
        assertThat(second.caughtUpAt()).isNotNull();
        assertThat(second.threadsRead()).as("only the threads of the missed events are read from MongoDB")
                .isEqualTo(3);
        SearchEngine engine = running.getBean(SearchEngine.class);
        assertThat(engine.search(marker, null, null, 0, 20).hits()).extracting(SearchHit::postId)
                .containsExactlyInAnyOrder(before.get(0), before.get(2), later, latest);
        assertThat(found(running, marker)).containsExactlyInAnyOrder(before.get(0), before.get(2), later, latest);
    }

    private ConfigurableApplicationContext start() {
        String brokers = EmbeddedInfrastructure.kafkaBootstrapServers();
        // arguments, not default properties: they must win over the test application.yml (its random index-dir)
        return new SpringApplicationBuilder(PostsApplication.class).initializers(new TestTokens()).run(
                "--server.port=0",
                "--spring.mongodb.uri=mongodb://" + EmbeddedInfrastructure.mongoAddress() + "/" + database,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.cloud.stream.bindings.postEventsForSearch-in-0.destination=" + topic,
                // not the shared test context's group: joining it would move its partitions around
                "--spring.cloud.stream.bindings.memberEvents-in-0.group=posts-resume-" + suffix,
                "--kyoso.search.index-dir=" + indexDir);
    }

    /** Another instance publishes a post: the document, then its event. */
    private String publish(String title) throws Exception {
        String postId = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", postId).append("channelSlug", "general").append("kind", "IDEA")
                .append("title", title).append("body", "庁内で検討しています。").append("tags", List.of())
                .append("author", new Document("memberId", "m-elsewhere").append("displayName", "別の人"))
                .append("createdAt", new Date()).append("replyCount", 0).append("deleted", false)
                .append("hidden", false), "posts");
        send(PostsEvents.POST_PUBLISHED, postId);
        return postId;
    }

    private void send(String type, String postId) throws Exception {
        ProducerRecord<String, String> event = new ProducerRecord<>(topic, postId, "{\"postId\":\"" + postId + "\"}");
        event.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/kyoso/posts-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", postId.getBytes(StandardCharsets.UTF_8));
        producer.send(event).get(10, TimeUnit.SECONDS);
    }

    /** The posts a search through the service (the index, then MongoDB) finds. */
    private static List<String> found(ConfigurableApplicationContext context, String marker) {
        return context.getBean(PostSearch.class).search(marker, null, null, null, null, 0, 20).items().stream()
                .map(SearchHit::postId).sorted().toList();
    }
}
