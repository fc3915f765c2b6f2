package jp.kyoso.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.embeddedmongo.IndexedMemoryBackend;
import jp.kyoso.embeddedmongo.StrictIndexes;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real infrastructure for a service's integration tests, started once per test JVM: a KRaft Kafka broker
 * (spring-kafka-test) and an in-memory MongoDB-wire server with secondary indexes (module embedded-mongo). Each
 * application context gets a database of its own, so test classes do not see each other's data.
 *
 * <pre>{@code @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @ContextConfiguration(initializers = EmbeddedInfrastructure.class)}</pre>
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * Whether a query no declared index serves fails the test (code 291, like mongod's notablescan);
     * {@code -Dkyoso.mongo.strict-indexes=false} turns it off. A test assertion may still scan with
     * {@code Query.comment("kyoso:allow-scan")}.
     */
    private static final boolean STRICT_INDEXES_BY_DEFAULT = true;

    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongo;
    private static String mongoAddress;

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
            broker.brokerProperty("auto.create.topics.enable", "false");
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            stopAfterTheApplications(broker::destroy);
            kafka = broker;
        }
        return kafka.getBrokersAsString();
    }

    public static synchronized String mongoAddress() {
        if (mongo == null) {
            MongoServer server = new MongoServer(new IndexedMemoryBackend(StrictIndexes.fromSystemProperty(STRICT_INDEXES_BY_DEFAULT)));
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            stopAfterTheApplications(server::shutdownNow);
            mongo = server;
            mongoAddress = "127.0.0.1:" + address.getPort();
        }
        return mongoAddress;
    }

    /**
     * Stops a server at the test JVM's exit once Spring Boot has closed the application contexts still cached. As a
     * JVM shutdown hook of its own the broker stopped while the contexts were closing (the JVM runs its hooks side by
     * side): each listener container's last offset commit then waited for a broker that was gone (the consumer's 60 s
     * API timeout) and its stop for its 10 s shutdown timeout, and surefire killed the fork 30 s after its exit.
     */
    private static void stopAfterTheApplications(Runnable stop) {
        SpringApplication.getShutdownHandlers().add(stop);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "kyoso-test-" + UUID.randomUUID().toString().substring(0, 8);
        String brokers = kafkaBootstrapServers();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", Map.of(
                "spring.mongodb.uri", "mongodb://" + mongoAddress() + "/" + database,
                "spring.kafka.bootstrap-servers", brokers,
                "spring.cloud.stream.kafka.binder.brokers", brokers)));
    }
}
