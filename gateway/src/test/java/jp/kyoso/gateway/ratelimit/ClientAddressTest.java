package jp.kyoso.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressTest {
    private final RateLimitProperties defaults = new RateLimitProperties(null, null, null);

    private static MockServerWebExchange from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/posts")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return MockServerWebExchange.from(request);
    }

    @Test
    void withoutTrustedProxiesAClientsOwnForwardedForIsIgnored() {
        RateLimits limits = new RateLimits(defaults, "^$");
        assertThat(limits.clientAddress(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedCounts() {
        RateLimits limits = new RateLimits(defaults, "10\\.0\\.0\\.\\d+");
        assertThat(limits.clientAddress(from("10.0.0.5", "6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(limits.clientAddress(from("203.0.113.9", "198.51.100.7"))).isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress(from("10.0.0.5", null))).isEqualTo("10.0.0.5");
    }
}
