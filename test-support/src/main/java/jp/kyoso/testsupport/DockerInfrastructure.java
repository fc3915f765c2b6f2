package jp.kyoso.testsupport;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same tests on the real {@code mongo} and {@code apache/kafka} images, for machines with Docker. Test classes
 * that use it are annotated {@code @Testcontainers(disabledWithoutDocker = true)} so that they are skipped, with
 * JUnit's message, where no Docker engine answers.
 */
public class DockerInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8");
    public static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!MONGO.isRunning()) {
            MONGO.start();
        }
        if (!KAFKA.isRunning()) {
            KAFKA.start();
        }
        String database = "kyoso-test-" + UUID.randomUUID().toString().substring(0, 8);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dockerInfrastructure", Map.of(
                "spring.mongodb.uri", MONGO.getReplicaSetUrl(database),
                "spring.kafka.bootstrap-servers", KAFKA.getBootstrapServers(),
                "spring.cloud.stream.kafka.binder.brokers", KAFKA.getBootstrapServers())));
    }
}
