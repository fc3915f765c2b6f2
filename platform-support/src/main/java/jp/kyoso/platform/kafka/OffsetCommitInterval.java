package jp.kyoso.platform.kafka;

import java.time.Duration;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Every binding's consumer commits its offsets once per interval ({@code kyoso.consumer.commit-interval}, 1 s by
 * default) instead of after every poll. A consumer that keeps up polls one record at a time, so the binder's default
 * (a synchronous commit after each batch) was one more broker round trip on the consumer's thread for every event, and
 * a write to the broker's offsets log: at 50 replies a second, 0.66-0.92 commits per reply from notifications-service
 * alone.
 * <p>
 * Delivery stays at least once: a crash replays at most the records handled since the last commit, which the
 * consumers already recognise (ProcessedEvents' marks, idempotent effects), and a stopping container or a revoked
 * partition still commits what was handled (Spring Kafka commits pending offsets then). Spring Kafka checks the
 * interval when a poll returns, so after the last record of a burst the commit waits for the next poll (at most the
 * poll timeout).
 * <p>
 * Only a container still on the binder's default mode (BATCH) is changed: an ack mode configured for a binding stays.
 * An interval of zero keeps the default, a commit after every poll. A service that declares its own
 * {@link ListenerContainerCustomizer} replaces this one.
 */
public final class OffsetCommitInterval implements ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> {

    private final Duration interval;

    public OffsetCommitInterval(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {
        ContainerProperties properties = container.getContainerProperties();
        // Spring Kafka refuses an ack time of 0 ms, and the binding would then retry binding forever without consuming
        if (interval.toMillis() < 1 || properties.getAckMode() != ContainerProperties.AckMode.BATCH) {
            return;
        }
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        properties.setAckTime(interval.toMillis());
    }
}
