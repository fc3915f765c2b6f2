package jp.kyoso.platform.kafka;

import java.time.Duration;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Every binding's consumer commits its offsets once per interval ({@code kyoso.consumer.commit-interval}, 1 s by
 * default) instead of after every poll. A consumer that keeps up polls one record at a time, so the binder's default
 * (a synchronous commit after each batch) was one more broker round trip on the consumer's thread for every event, and
 * a write to the broker's offsets log: at 50 replies a second, 0.66 commits per reply from notifications-service alone.
 * <p>
 * Delivery stays at least once: a crash replays at most the last interval's records, which the consumers already
 * recognise (ProcessedEvents' marks, idempotent effects), and a stopping container or a revoked partition still
 * commits what was handled (Spring Kafka commits pending offsets then).
 */
public final class OffsetCommitInterval implements ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> {

    private final Duration interval;

    public OffsetCommitInterval(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {
        ContainerProperties properties = container.getContainerProperties();
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        properties.setAckTime(interval.toMillis());
    }
}
