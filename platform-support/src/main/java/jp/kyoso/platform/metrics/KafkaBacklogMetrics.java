package jp.kyoso.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What waits in Kafka for this service, sampled in the background (a scrape never waits on the broker):
 * <ul>
 *   <li>{@code kyoso_consumer_lag_records{group,topic}}: records the service's consumer groups have not committed yet;
 *   <li>{@code kyoso_dlt_records{topic}}: records held in the dead-letter topics this service writes
 *       ({@code <topic>.<service>.dlt}). A gauge, not a counter: it falls when retention removes old letters, and an
 *       alert on its growth ({@code delta}) sees every new one.
 * </ul>
 * Lag is measured from outside the consumers, as an operator would, so a stuck or dead consumer shows lag too.
 */
public class KafkaBacklogMetrics extends KafkaAdminSampler implements MeterBinder {
    private final Set<String> groups;
    private final String dltSuffix;
    private volatile MultiGauge lag;
    private volatile MultiGauge deadLetters;

    /**
     * @param groups      the consumer groups of this service's bindings
     * @param application the service's name: its dead-letter topics end in {@code .<application>.dlt}
     */
    public KafkaBacklogMetrics(Map<String, Object> adminConfig, Set<String> groups, String application,
                               Duration interval) {
        super(adminConfig, interval, "kafka-backlog-metrics");
        this.groups = Set.copyOf(groups);
        this.dltSuffix = "." + application + ".dlt";
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        lag = MultiGauge.builder("kyoso.consumer.lag").baseUnit("records")
                .description("Records of the topic that the consumer group has not committed yet")
                .register(registry);
        deadLetters = MultiGauge.builder("kyoso.dlt").baseUnit("records")
                .description("Records held in a dead-letter topic this service writes")
                .register(registry);
    }

    @Override
    protected void sample(AdminClient client) throws Exception {
        if (lag == null) {
            return;
        }
        lag.register(lagRows(client), true);
        deadLetters.register(deadLetterRows(client), true);
    }

    private List<MultiGauge.Row<?>> lagRows(AdminClient client) throws Exception {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = offsets(client, committed.keySet(), OffsetSpec.latest());
            Map<String, Long> perTopic = new HashMap<>();
            committed.forEach((partition, offset) -> {
                long behind = offset == null ? 0 : Math.max(0, ends.getOrDefault(partition, 0L) - offset.offset());
                perTopic.merge(partition.topic(), behind, Long::sum);
            });
            perTopic.forEach((topic, behind) ->
                    rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", topic), behind)));
        }
        return rows;
    }

    private List<MultiGauge.Row<?>> deadLetterRows(AdminClient client) throws Exception {
        Set<String> topics = client.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.endsWith(dltSuffix)).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> partitions = client.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> starts = offsets(client, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(client, partitions, OffsetSpec.latest());
        Map<String, Long> perTopic = new HashMap<>();
        for (TopicPartition partition : partitions) {
            perTopic.merge(partition.topic(), ends.getOrDefault(partition, 0L) - starts.getOrDefault(partition, 0L),
                    Long::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        perTopic.forEach((topic, held) -> rows.add(MultiGauge.Row.of(Tags.of("topic", topic), held)));
        return rows;
    }

    /** The offsets of the partitions at {@code spec} (earliest, latest), one admin call. */
    public static Map<TopicPartition, Long> offsets(AdminClient client, Set<TopicPartition> partitions,
                                                     OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = client
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
