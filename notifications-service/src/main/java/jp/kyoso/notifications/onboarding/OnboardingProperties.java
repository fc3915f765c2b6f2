package jp.kyoso.notifications.onboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param firstPostNudgeAfter how long after activation a member who has neither posted nor replied gets the nudge
 * @param checkInterval       how often the service looks for such members
 */
@ConfigurationProperties("kyoso.onboarding")
public record OnboardingProperties(Duration firstPostNudgeAfter, Duration checkInterval) {
    public OnboardingProperties {
        firstPostNudgeAfter = firstPostNudgeAfter == null ? Duration.ofDays(3) : firstPostNudgeAfter;
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
    }
}
