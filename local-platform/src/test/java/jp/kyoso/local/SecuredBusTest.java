package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's Kafka security (SASL/SCRAM, ACLs from deploy/compose/kafka/init-users-and-acls.sh) on the real
 * broker: each service's user may write its own topics and nothing else; a wrong password is refused.
 */
class SecuredBusTest {

    @TempDir
    static Path dataDir;
    private static LocalPlatform platform;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        platform = LocalPlatform.builder()
                .repositoryRoot(LocalPlatform.Builder.findRepositoryRoot(Path.of("").toAbsolutePath()))
                .dataDir(dataDir)
                .ports(Ports.randomFree())
                .services(false)
                .securedBus(true)
                .startTimeout(Duration.ofSeconds(90))
                .build();
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void theInitScriptRanAndListedTheAclsItMade() throws Exception {
        assertThat(Files.readString(dataDir.resolve("logs").resolve("kafka-init.log")))
                .contains("kafka-init: users members-service, posts-service, notifications-service, gateway")
                .contains("User:posts-service");
        assertThat(Files.readString(dataDir.resolve("config").resolve("kafka-server.properties")))
                .contains("allow.everyone.if.no.acl.found=false", "CLIENTS:SASL_PLAINTEXT");
    }

    @Test
    void aServiceWritesItsOwnTopicAndAnotherServiceReadsIt() throws Exception {
        createTopic("members-service", "kyoso.members.v1");

        try (KafkaProducer<String, String> members = producer("members-service")) {
            members.send(new ProducerRecord<>("kyoso.members.v1", "member-1", "{\"type\":\"MemberJoined\"}")).get();
        }
        try (KafkaConsumer<String, String> posts = consumer("posts-service")) {
            TopicPartition partition = new TopicPartition("kyoso.members.v1", 0);
            posts.assign(List.of(partition));
            posts.seekToBeginning(List.of(partition));
            assertThat(posts.position(partition, Duration.ofSeconds(15))).isZero();
            assertThat(posts.endOffsets(List.of(partition), Duration.ofSeconds(15))).containsEntry(partition, 1L);
        }
    }

    @Test
    void aServiceMayNotWriteAnotherServicesTopic() throws Exception {
        createTopic("posts-service", "kyoso.posts.v1");

        try (KafkaProducer<String, String> members = producer("members-service")) {
            assertThatThrownBy(() -> members.send(new ProducerRecord<>("kyoso.posts.v1", "post-1", "{}")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            assertThatThrownBy(() -> gateway.send(new ProducerRecord<>("kyoso.posts.v1", "post-1", "{}")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theGatewayMayNotReadTheNotificationCommands() throws Exception {
        createTopic("members-service", "kyoso.notifications.commands.v1");

        try (KafkaConsumer<String, String> gateway = consumer("gateway")) {
            TopicPartition partition = new TopicPartition("kyoso.notifications.commands.v1", 0);
            gateway.assign(List.of(partition));
            gateway.seekToBeginning(List.of(partition));
            assertThatThrownBy(() -> gateway.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> impostor = new HashMap<>(platform.kafkaClientProperties("members-service"));
        impostor.put("sasl.jaas.config", SecuredBus.jaasConfig("members-service", "not-the-password-at-all"));
        impostor.put("max.block.ms", 10_000);
        impostor.put("key.serializer", StringSerializer.class.getName());
        impostor.put("value.serializer", StringSerializer.class.getName());

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(impostor)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("kyoso.members.v1", "k", "v")).get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void createTopic(String asService, String topic) throws Exception {
        try (Admin admin = Admin.create(platform.kafkaClientProperties(asService))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        } catch (ExecutionException alreadyMadeByAnotherTest) {
            if (!(alreadyMadeByAnotherTest.getCause()
                    instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw alreadyMadeByAnotherTest;
            }
        }
    }

    private static KafkaProducer<String, String> producer(String service) {
        Map<String, Object> properties = new HashMap<>(platform.kafkaClientProperties(service));
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", StringSerializer.class.getName());
        properties.put("max.block.ms", 10_000);
        properties.put("delivery.timeout.ms", 15_000);
        properties.put("request.timeout.ms", 10_000);
        return new KafkaProducer<>(properties);
    }

    private static KafkaConsumer<String, String> consumer(String service) {
        Map<String, Object> properties = new HashMap<>(platform.kafkaClientProperties(service));
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        properties.put("enable.auto.commit", false);
        return new KafkaConsumer<>(properties);
    }
}
