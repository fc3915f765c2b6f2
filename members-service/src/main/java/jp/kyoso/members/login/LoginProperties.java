package jp.kyoso.members.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailures      failed logins allowed per email address and per client address within {@code window}
 * @param window           the sliding window the failures are counted in
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} when the request comes from a
 *                         loopback or private address (the gateway); a request from anywhere else is its own client
 */
@ConfigurationProperties("kyoso.members.login")
public record LoginProperties(Integer maxFailures, Duration window, Boolean trustForwardedFor) {
    public LoginProperties {
        maxFailures = maxFailures == null ? 10 : maxFailures;
        window = window == null ? Duration.ofMinutes(5) : window;
        trustForwardedFor = trustForwardedFor == null || trustForwardedFor;
    }
}
