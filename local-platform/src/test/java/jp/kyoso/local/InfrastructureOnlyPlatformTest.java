package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Kafka broker (its own JVM) and the in-process servers, started the way the e2e tests start them.
 */
class InfrastructureOnlyPlatformTest {

    @TempDir
    Path dataDir;

    @Test
    void startsARealKafkaBrokerThatCarriesARecordAndFreesItsPortsWhenStopped() throws Exception {
        Ports ports = Ports.randomFree();
        LocalPlatform platform = LocalPlatform.builder()
                .repositoryRoot(Path.of("").toAbsolutePath())
                .dataDir(dataDir)
                .ports(ports)
                .services(false)
                .startTimeout(Duration.ofSeconds(60))
                .build();
        try {
            platform.start();

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.kafkaBootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kyoso.test.v1", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", platform.kafkaBootstrapServers(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("kyoso.test.v1", "post-1", "{\"title\":\"窓口業務のデジタル化\"}")).get();
            }
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", platform.kafkaBootstrapServers(),
                    "group.id", "local-platform-test",
                    "auto.offset.reset", "earliest",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName()))) {
                consumer.subscribe(List.of("kyoso.test.v1"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                            return !received.isEmpty();
                        });
            }

            assertThat(received).hasSize(1);
            assertThat(received.get(0).key()).isEqualTo("post-1");
            assertThat(received.get(0).value()).isEqualTo("{\"title\":\"窓口業務のデジタル化\"}");
            assertThat(Files.readString(dataDir.resolve("config").resolve("kafka-server.properties")))
                    .contains("auto.create.topics.enable=false", "offsets.topic.replication.factor=1");
            assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
            assertThat(dataDir.resolve("mongo").resolve("kyoso.mv")).exists();
            assertThat(dataDir.resolve("run").resolve("state.json")).content().contains("\"kafka\"", "kafka.Kafka");
        } finally {
            platform.stop();
        }

        for (int port : Set.of(ports.kafka(), ports.kafkaController(), ports.mongo(), ports.smtp(), ports.mailApi(),
                ports.slack())) {
            assertThat(PortProbe.isFree(port)).as("port %d is free again", port).isTrue();
        }
        assertThat(dataDir.resolve("run").resolve("state.json")).doesNotExist();
        assertThat(dataDir.resolve("logs").resolve("kafka.log")).content().contains("Kafka Server started");
    }

    @Test
    void aKilledBrokerIsRestartedByTheSupervisorAndCarriesRecordsAgain() throws Exception {
        LocalPlatform platform = LocalPlatform.builder()
                .repositoryRoot(Path.of("").toAbsolutePath())
                .dataDir(dataDir)
                .ports(Ports.randomFree())
                .services(false)
                .startTimeout(Duration.ofSeconds(60))
                .build();
        try {
            platform.start();
            Process broker = platform.kafkaProcess();

            broker.destroyForcibly();

            await("a new broker").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                Process now = platform.kafkaProcess();
                if (now == broker || !now.isAlive()) {
                    return false;
                }
                try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
                        platform.kafkaBootstrapServers(), "default.api.timeout.ms", 3000, "request.timeout.ms", 2000))) {
                    admin.createTopics(List.of(new NewTopic("kyoso.after-restart.v1", 1, (short) 1))).all().get();
                    return true;
                } catch (ExecutionException e) {
                    // an earlier attempt timed out on this side but the new broker created the topic: it answered
                    if (e.getCause() instanceof TopicExistsException) {
                        return true;
                    }
                    throw e;
                }
            });
            RunState.Entry kafka = new RunState(dataDir).read().orElseThrow().processes().stream()
                    .filter(entry -> entry.name().equals("kafka")).findFirst().orElseThrow();
            assertThat(kafka.restarts()).isEqualTo(1);
            assertThat(kafka.lastExitCode()).isEqualTo(137);
            assertThat(kafka.pid()).isEqualTo(platform.kafkaProcess().pid());
        } finally {
            platform.stop();
        }
    }
}
