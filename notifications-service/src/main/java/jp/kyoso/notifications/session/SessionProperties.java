package jp.kyoso.notifications.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reminderBefore how long before a session's start its GOING members get the SESSION_REMINDER
 * @param followUpAfter  how long after a session's end its attendees get the SESSION_FOLLOW_UP
 * @param checkInterval  how often the service looks for reminders and follow-ups that have come due
 */
@ConfigurationProperties("kyoso.sessions")
public record SessionProperties(Duration reminderBefore, Duration followUpAfter, Duration checkInterval) {
    public SessionProperties {
        reminderBefore = reminderBefore == null ? Duration.ofHours(24) : reminderBefore;
        followUpAfter = followUpAfter == null ? Duration.ofHours(1) : followUpAfter;
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
    }
}
