package jp.kyoso.platform.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param collections  the collections whose documents carry an {@code outbox} array of {@link PendingEvent}s
 * @param pollInterval how often the relay looks for events that no local write told it about (other instances,
 *                     restarts after a crash)
 * @param batchSize    documents handled per pass
 * @param source       the CloudEvents source of everything this service publishes
 */
@ConfigurationProperties("kyoso.outbox")
public record OutboxProperties(List<String> collections, Duration pollInterval, Integer batchSize, String source) {
    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        source = source == null ? "/kyoso" : source;
    }
}
