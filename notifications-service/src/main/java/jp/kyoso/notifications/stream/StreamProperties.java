package jp.kyoso.notifications.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param topic     where the instances tell each other about new notices
 * @param heartbeat interval of the comment line that keeps idle connections (and proxies) open
 * @param timeout   a stream is closed after this long; the browser's EventSource reconnects by itself
 */
@ConfigurationProperties("kyoso.stream")
public record StreamProperties(String topic, Duration heartbeat, Duration timeout) {
    public StreamProperties {
        topic = topic == null ? "kyoso.notifications.stream.v1" : topic;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    }
}
