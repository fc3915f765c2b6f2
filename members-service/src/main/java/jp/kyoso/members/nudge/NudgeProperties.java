package jp.kyoso.members.nudge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param minInterval at most one nudge per member in this time, whoever sends it */
@ConfigurationProperties("kyoso.nudges")
public record NudgeProperties(Duration minInterval) {
    public NudgeProperties {
        minInterval = minInterval == null ? Duration.ofDays(30) : minInterval;
    }
}
