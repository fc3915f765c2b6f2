package jp.kyoso.platform.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param collections  the collections whose documents carry an {@code outbox} array of {@link PendingEvent}s
 * @param pollInterval how often the relay looks for events that no local write told it about (other instances,
 *                     restarts after a crash); every local write wakes the relay at once, so this is only the
 *                     fallback (default 2 s)
 * @param batchSize    documents handled per pass
 * @param source       the CloudEvents source of everything this service publishes
 */
@ConfigurationProperties("kyoso.outbox")
public record OutboxProperties(List<String> collections, Duration pollInterval, Integer batchSize, String source) {
    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        source = source == null ? "/kyoso" : source;
    }
}
