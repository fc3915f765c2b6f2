package jp.kyoso.platform.revocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code kyoso.members.MemberTokensRevoked.v1} into {@link RevokedTokens}. Every process must see every
 * revocation, so this is a plain consumer without a group: it {@code assign()}s all partitions of the topic (looking
 * again every minute for added ones) and starts each at {@code offsetsForTimes(now − token lifetime − skew)}, so a
 * process that (re)starts knows the revocations that can still matter. Nothing is committed. The other events of the
 * topic are skipped.
 */
public final class RevocationFeed implements SmartLifecycle {
    public static final String TYPE = "kyoso.members.MemberTokensRevoked.v1";
    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REASSIGN_EVERY = Duration.ofMinutes(1);

    private final Map<String, Object> config;
    /** Where members-service's events come from (docs/events.md, "Trusted sources"). */
    public static final String MEMBERS_SERVICE_SOURCE = "/kyoso/members-service";
    private final List<String> trustedSources;
    private final String topic;
    private final RevokedTokens revoked;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param kafka the client settings (bootstrap servers, and security ones such as SASL where the broker asks for
     *              them); whatever concerns groups, commits and deserializers is set here
     */
    public RevocationFeed(Map<String, Object> kafka, String clientId, String topic, RevokedTokens revoked) {
        this(kafka, clientId, topic, revoked, List.of(MEMBERS_SERVICE_SOURCE));
    }

    /**
     * @param trustedSources the {@code ce_source} values a revocation is accepted from: anyone who can write to the
     *                       topic could otherwise log members out with a forged one
     */
    public RevocationFeed(Map<String, Object> kafka, String clientId, String topic, RevokedTokens revoked,
                          List<String> trustedSources) {
        this.trustedSources = List.copyOf(trustedSources);
        this.topic = topic;
        this.revoked = revoked;
        this.config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    @Override
    public void start() {
        running = true;
        consumer = new KafkaConsumer<>(config);
        thread = new Thread(this::run, "token-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextAssignment = 0;
        try (KafkaConsumer<String, String> kafka = consumer) {
            while (running) {
                try {
                    if (System.nanoTime() - nextAssignment >= 0) {
                        assignNewPartitions(kafka, assigned);
                        nextAssignment = System.nanoTime() + (assigned.isEmpty() ? POLL : REASSIGN_EVERY).toNanos();
                        revoked.forgetExpired();
                    }
                    if (assigned.isEmpty()) {
                        // the topic does not exist yet (a fresh broker): poll() would throw without an assignment
                        Thread.sleep(POLL.toMillis());
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                        read(record);
                    }
                } catch (WakeupException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    log.warn("Reading token revocations from {} failed; trying again: {}", topic, e.toString());
                    nextAssignment = System.nanoTime() + POLL.toNanos();
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    /** Assigns the partitions not assigned yet, each from the first record that can still matter. */
    private void assignNewPartitions(KafkaConsumer<String, String> kafka, Set<TopicPartition> assigned) {
        List<PartitionInfo> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>();
        for (PartitionInfo info : partitions) {
            TopicPartition partition = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(partition)) {
                added.add(partition);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assigned);
        all.addAll(added);
        kafka.assign(all);
        long from = Instant.now().minus(revoked.keep()).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        added.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(times, Duration.ofSeconds(10));
        for (TopicPartition partition : added) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                // nothing that recent: only what comes from now on
                kafka.seekToEnd(List.of(partition));
            } else {
                kafka.seek(partition, offset.offset());
            }
        }
        assigned.addAll(added);
    }

    private void read(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || !TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        Header source = record.headers().lastHeader("ce_source");
        if (source == null || !trustedSources.contains(new String(source.value(), StandardCharsets.UTF_8))) {
            log.warn("Ignoring a {} from an untrusted source at {}-{}@{}", TYPE, record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            JsonNode data = JSON.readTree(record.value());
            String memberId = data.path("memberId").asString(null);
            String notBefore = data.path("notBefore").asString(null);
            if (memberId == null || notBefore == null) {
                log.warn("Ignoring a {} without memberId or notBefore at {}-{}@{}", TYPE, record.topic(),
                        record.partition(), record.offset());
                return;
            }
            revoked.revoke(memberId, Instant.parse(notBefore));
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable {} at {}-{}@{}: {}", TYPE, record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }
}
