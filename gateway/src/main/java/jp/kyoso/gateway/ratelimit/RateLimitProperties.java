package jp.kyoso.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request budgets. A member may send {@code memberPerSecond} requests a second on average with bursts of
 * {@code memberBurst}; a caller without a token {@code anonymousPerSecond} per client address.
 */
@ConfigurationProperties("kyoso.rate-limit")
public record RateLimitProperties(Integer memberPerSecond, Integer memberBurst, Integer anonymousPerSecond) {
    public RateLimitProperties {
        memberPerSecond = memberPerSecond == null ? 50 : memberPerSecond;
        memberBurst = memberBurst == null ? 100 : memberBurst;
        anonymousPerSecond = anonymousPerSecond == null ? 20 : anonymousPerSecond;
    }
}
