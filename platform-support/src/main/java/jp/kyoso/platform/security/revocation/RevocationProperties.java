package jp.kyoso.platform.security.revocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled       whether this process follows {@code MemberTokensRevoked} (members-service checks its own
 *                      database instead and turns it off)
 * @param topic         where members-service publishes the revocations
 * @param tokenLifetime the access tokens' lifetime (members-service's {@code kyoso.members.tokens.access-token-lifetime}):
 *                      a revocation older than this (plus the clock skew the decoders allow) can only concern tokens
 *                      that have expired, so it is forgotten, and a (re)started process reads back only that far
 */
@ConfigurationProperties("kyoso.security.revocations")
public record RevocationProperties(Boolean enabled, String topic, Duration tokenLifetime) {
    public RevocationProperties {
        enabled = enabled == null || enabled;
        topic = topic == null ? "kyoso.members.v1" : topic;
        tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(15) : tokenLifetime;
    }
}
