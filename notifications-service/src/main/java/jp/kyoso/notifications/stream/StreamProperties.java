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
 * @param replayLookBack how far before the {@code Last-Event-ID} notice a reconnecting stream's replay begins: notices
 *                      created that much earlier may have been stored after it (two threads or instances inserting
 *                      side by side); longer than an insert ever takes, short enough to repeat little
 */
@ConfigurationProperties("kyoso.stream")
public record StreamProperties(String topic, Duration heartbeat, Duration timeout, Integer queueCapacity,
                               Integer writerThreads, Integer maxPerMember, Duration replayLookBack) {
    public StreamProperties {
        topic = topic == null ? "kyoso.notifications.stream.v1" : topic;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        queueCapacity = queueCapacity == null ? 256 : queueCapacity;
        writerThreads = writerThreads == null ? 4 : writerThreads;
        maxPerMember = maxPerMember == null ? 5 : maxPerMember;
        replayLookBack = replayLookBack == null ? Duration.ofSeconds(30) : replayLookBack;
    }
}
