package jp.kyoso.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request budgets. A member may send {@code memberPerSecond} requests a second on average with bursts of
 * {@code memberBurst}; a caller without a token {@code anonymousPerSecond} per client address, or
 * {@code sharedEgressAnonymousPerSecond} when that address is in {@code kyoso.network.shared-egress} (a whole
 * prefecture's staff behind it). README "Rate limits" says how the defaults are sized.
 */
@ConfigurationProperties("kyoso.rate-limit")
public record RateLimitProperties(Integer memberPerSecond, Integer memberBurst, Integer anonymousPerSecond,
                                  Integer sharedEgressAnonymousPerSecond) {
    public RateLimitProperties {
        memberPerSecond = memberPerSecond == null ? 50 : memberPerSecond;
        memberBurst = memberBurst == null ? 100 : memberBurst;
        anonymousPerSecond = anonymousPerSecond == null ? 200 : anonymousPerSecond;
        sharedEgressAnonymousPerSecond = sharedEgressAnonymousPerSecond == null ? 2000
                : sharedEgressAnonymousPerSecond;
    }
}
