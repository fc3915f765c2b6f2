package jp.kyoso.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads everything that arrives on a topic, from the beginning, so that tests can assert what a service published:
 * bodies, keys and CloudEvents headers.
 */
public class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until a record matching the condition has arrived, at most the given time; returns every match. */
    public List<Received> awaitRecords(Predicate<Received> condition, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return received.stream().anyMatch(condition);
        });
        return received.stream().filter(condition).toList();
    }

    /** Everything received so far, after one more poll that waits up to {@code wait} for stragglers. */
    public List<Received> drain(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return List.copyOf(received);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new Received(record.key(), record.value(), headers));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    public record Received(String key, String value, Map<String, String> headers) {
        public String type() {
            return headers.get("ce_type");
        }

        public String id() {
            return headers.get("ce_id");
        }
    }
}
