package jp.kyoso.platform.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics a service publishes to or reads from, created explicitly at start-up (never by the binder's
 * auto-creation); a topic that already exists is left as it is.
 *
 * <pre>
 * kyoso.kafka.topics:
 *   - name: kyoso.members.v1
 *     retention: 7d
 * </pre>
 */
@ConfigurationProperties("kyoso.kafka")
public record TopicProperties(List<Topic> topics, Integer defaultPartitions, Short replicationFactor) {
    public TopicProperties {
        topics = topics == null ? List.of() : List.copyOf(topics);
        defaultPartitions = defaultPartitions == null ? 6 : defaultPartitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }

    /**
     * @param partitions at least the number of instances of the busiest consumer group; empty means the default
     * @param retention  how long records are kept; empty means the broker's default
     */
    public record Topic(String name, Integer partitions, Duration retention) {
    }
}
