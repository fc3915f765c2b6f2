package jp.kyoso.posts.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param checkInOpensBefore how long before a session's start the reception desk opens: from then on a moderator may
 *                           mark attendance, as people arrive ({@code kyoso.sessions.check-in-opens-before}, 60
 *                           minutes unless set)
 */
@ConfigurationProperties("kyoso.sessions")
public record SessionProperties(Duration checkInOpensBefore) {
    public SessionProperties {
        checkInOpensBefore = checkInOpensBefore == null ? Duration.ofMinutes(60) : checkInOpensBefore;
        if (checkInOpensBefore.isNegative()) {
            throw new IllegalArgumentException("kyoso.sessions.check-in-opens-before must not be negative: "
                    + checkInOpensBefore);
        }
    }
}
