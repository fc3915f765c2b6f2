package jp.kyoso.notifications.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code kyoso.notifications.stream.v1} on every instance: each reads all partitions by direct assignment,
 * from the end, with no consumer group (every instance must see every signal, and a group's rebalance would only add
 * delay). Positions are fixed before the application reports itself started, so no signal that follows is missed.
 */
@Component
class StreamSignalListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StreamSignalListener.class);

    private final StreamSignals signals;
    private final StreamProperties properties;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    StreamSignalListener(StreamSignals signals, StreamProperties properties,
                         @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.signals = signals;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifications-stream-" + Integer.toHexString(hashCode()));
        KafkaConsumer<String, String> created = new KafkaConsumer<>(config);
        List<PartitionInfo> partitions = created.partitionsFor(properties.topic(), Duration.ofSeconds(30));
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        created.assign(assigned);
        created.seekToEnd(assigned);
        // seekToEnd is lazy: resolve the positions now, so that nothing sent after start-up is skipped
        assigned.forEach(partition -> created.position(partition, Duration.ofSeconds(30)));
        consumer = created;
        running = true;
        thread = new Thread(this::poll, "stream-signals");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        signals.received(record.value());
                    } catch (RuntimeException e) {
                        log.warn("Unreadable live-stream signal at offset {}: {}", record.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Live-stream listener stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
