package jp.kyoso.posts.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jp.kyoso.platform.metrics.KafkaAdminSampler;
import jp.kyoso.platform.metrics.KafkaBacklogMetrics;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code kyoso_search_index_lag_records}: records of the posts topic this instance's search index does not reflect
 * yet (the topic's end minus the position the index has applied, over all partitions). The index reads without a
 * consumer group whose lag an operator could look up, so it says it itself; sampled every 15 s.
 */
@Component
class SearchIndexLagMetrics extends KafkaAdminSampler implements MeterBinder {
    private final SearchIndexer indexer;
    private final String topic;
    private final AtomicLong lag = new AtomicLong();

    SearchIndexLagMetrics(SearchIndexer indexer, KafkaAdmin kafkaAdmin,
                          @Value("${spring.cloud.stream.bindings.postEventsForSearch-in-0.destination}") String topic) {
        super(kafkaAdmin.getConfigurationProperties(), Duration.ofSeconds(15), "search-lag-metrics");
        this.indexer = indexer;
        this.topic = topic;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kyoso.search.index.lag", lag, AtomicLong::get).baseUnit("records")
                .description("Records of the posts topic not yet in this instance's search index").register(registry);
    }

    @Override
    protected void sample(AdminClient client) throws Exception {
        Map<Integer, Long> applied = indexer.appliedPosition().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Set<TopicPartition> partitions = client.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).collect(Collectors.toSet());
        long behind = 0;
        for (var end : KafkaBacklogMetrics.offsets(client, partitions, OffsetSpec.latest()).entrySet()) {
            behind += Math.max(0, end.getValue() - applied.getOrDefault(end.getKey().partition(), 0L));
        }
        lag.set(behind);
    }
}
