package jp.kyoso.notifications.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic         where the instances tell each other about new notices
 * @param heartbeat     interval of the comment line that keeps idle connections (and proxies) open
 * @param timeout       a stream is closed after this long; the browser's EventSource reconnects by itself
 * @param queueCapacity events waiting to be written to one stream; a client that falls this far behind is
 *                      disconnected (it reconnects with {@code Last-Event-ID} and gets what it missed from the inbox)
 * @param writerThreads the threads that write to the streams, shared by all of them
 * @param maxPerMember  open streams per member on one instance; a new one closes the oldest
 */
@ConfigurationProperties("kyoso.stream")
public record StreamProperties(String topic, Duration heartbeat, Duration timeout, Integer queueCapacity,
                               Integer writerThreads, Integer maxPerMember) {
    public StreamProperties {
        topic = topic == null ? "kyoso.notifications.stream.v1" : topic;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        queueCapacity = queueCapacity == null ? 256 : queueCapacity;
        writerThreads = writerThreads == null ? 4 : writerThreads;
        maxPerMember = maxPerMember == null ? 5 : maxPerMember;
    }
}
