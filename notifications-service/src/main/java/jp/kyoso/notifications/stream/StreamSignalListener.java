package jp.kyoso.notifications.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code kyoso.notifications.stream.v1} on every instance: each reads all partitions by direct assignment,
 * from the end, with no consumer group (every instance must see every signal, and a group's rebalance would only add
 * delay). Positions are fixed before the application reports itself started, so no signal that follows is missed.
 *
 * <p>The loop never ends on an error: the consumer is closed, and after a pause a new one starts from the end (the
 * signals of the gap are lost to the live streams, not to the inbox; a reconnecting client gets them). As health
 * indicator {@code streamSignalListener} it reports how it fares: DOWN only when it has not read for
 * {@link #UNHEALTHY_AFTER}, so a short broker hiccup does not flap; it is in the overall health, not in readiness.
 */
@Component
class StreamSignalListener implements SmartLifecycle, HealthIndicator {
    static final Duration UNHEALTHY_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(StreamSignalListener.class);
    private static final Duration RECREATE_PAUSE = Duration.ofSeconds(1);

    private final StreamSignals signals;
    private final StreamProperties properties;
    private final String bootstrapServers;
    private final KafkaProperties kafkaProperties;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile Instant lastPoll;
    private volatile String lastError;
    private volatile int restarts;
    private Thread thread;

    StreamSignalListener(StreamSignals signals, StreamProperties properties,
                         @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                         KafkaProperties kafkaProperties, Clock clock) {
        this.signals = signals;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
        this.kafkaProperties = kafkaProperties;
        this.clock = clock;
    }

    @Override
    public void start() {
        consumer = createConsumer();
        lastPoll = clock.instant();
        running = true;
        thread = new Thread(this::poll, "stream-signals");
        thread.setDaemon(true);
        thread.start();
    }

    /** A consumer positioned at the end of every partition (seekToEnd is lazy: the positions are resolved here). */
    private KafkaConsumer<String, byte[]> createConsumer() {
        // Boot's consumer settings first: the broker's authentication (spring.kafka.security.*, spring.kafka.properties.sasl.*)
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifications-stream-" + Integer.toHexString(hashCode()));
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config);
        try {
            List<PartitionInfo> partitions = created.partitionsFor(properties.topic(), Duration.ofSeconds(30));
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            created.assign(assigned);
            created.seekToEnd(assigned);
            assigned.forEach(partition -> created.position(partition, Duration.ofSeconds(30)));
            return created;
        } catch (RuntimeException e) {
            created.close(Duration.ofSeconds(2));
            throw e;
        }
    }

    private void poll() {
        while (running) {
            try {
                if (consumer == null) {
                    consumer = createConsumer();
                    log.info("Live-stream listener reading again after: {}", lastError);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        signals.received(record.headers().lastHeader(StreamSignals.ORIGIN_HEADER), record.value());
                    } catch (RuntimeException e) {
                        log.warn("Unreadable live-stream signal at offset {}: {}", record.offset(), e.toString());
                    }
                }
                lastPoll = clock.instant();
            } catch (WakeupException e) {
                // stop() woke the consumer up; the loop condition decides
            } catch (RuntimeException e) {
                lastError = e.toString();
                restarts++;
                log.warn("Live-stream listener failed, starting over from the end: {}", e.toString());
                closeConsumer();
                pause();
            }
        }
        closeConsumer();
    }

    private void closeConsumer() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.debug("Closing the live-stream consumer failed: {}", e.toString());
            }
        }
    }

    private void pause() {
        try {
            stopped.await(RECREATE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public Health health() {
        Instant last = lastPoll;
        Health.Builder builder = last == null || running && Duration.between(last, clock.instant())
                .compareTo(UNHEALTHY_AFTER) > 0 ? Health.down() : Health.up();
        builder.withDetail("running", running).withDetail("restarts", restarts);
        if (last != null) {
            builder.withDetail("lastPoll", last.toString());
        }
        if (lastError != null) {
            builder.withDetail("lastError", lastError);
        }
        return builder.build();
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
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
