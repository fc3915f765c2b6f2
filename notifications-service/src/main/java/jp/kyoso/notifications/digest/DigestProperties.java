package jp.kyoso.notifications.digest;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param time          when the daily digest leaves, in {@code zone}
 * @param checkInterval how often the service checks whether a digest is due (a digest missed while the service was
 *                      down leaves at the next check)
 */
@ConfigurationProperties("kyoso.digest")
public record DigestProperties(LocalTime time, ZoneId zone, Duration checkInterval) {
    public DigestProperties {
        time = time == null ? LocalTime.of(8, 0) : time;
        zone = zone == null ? ZoneId.of("Asia/Tokyo") : zone;
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
    }
}
