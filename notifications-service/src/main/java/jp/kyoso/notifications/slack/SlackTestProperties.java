package jp.kyoso.notifications.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The test message a member sends to their own webhook from the settings page.
 *
 * @param limit   test messages one member may send within {@code window} (so nobody uses Kyoso to spam a webhook)
 * @param window  the sliding window the limit counts in
 * @param timeout how long the request waits for Slack, connection included, before it answers 422
 */
@ConfigurationProperties("kyoso.slack.test")
public record SlackTestProperties(Integer limit, Duration window, Duration timeout) {
    public SlackTestProperties {
        limit = limit == null ? 5 : limit;
        window = window == null ? Duration.ofMinutes(1) : window;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        if (limit < 1) {
            throw new IllegalArgumentException("kyoso.slack.test.limit must be at least 1");
        }
    }
}
