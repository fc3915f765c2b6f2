package jp.kyoso.members.login;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailures    failed logins allowed per email address and per client address within {@code window}
 * @param window         the sliding window the failures are counted in
 * @param trustedProxies addresses or CIDR ranges of the proxies (the gateway) whose {@code X-Forwarded-For} is
 *                       believed; a request from anywhere else is its own client. Empty: the header is never read.
 *                       {@code KYOSO_MEMBERS_LOGIN_TRUSTED_PROXIES}, comma-separated
 */
@ConfigurationProperties("kyoso.members.login")
public record LoginProperties(Integer maxFailures, Duration window, List<String> trustedProxies) {
    public LoginProperties {
        maxFailures = maxFailures == null ? 10 : maxFailures;
        window = window == null ? Duration.ofMinutes(5) : window;
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1", "::1")
                : trustedProxies.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}
