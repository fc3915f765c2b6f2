package jp.kyoso.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import jp.kyoso.gateway.network.ClientAddresses;
import jp.kyoso.gateway.network.NetworkProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The address the per-address budgets count: platform-network's reading, as members-service's. */
class ClientAddressTest {
    private final RateLimitProperties defaults = new RateLimitProperties(null, null, null, null);

    private static MockServerWebExchange from(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/posts")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line);
        }
        return MockServerWebExchange.from(request);
    }

    private RateLimits limits(List<String> trustedProxies, List<String> sharedEgress) {
        return new RateLimits(defaults, new ClientAddresses(new NetworkProperties(trustedProxies, sharedEgress)));
    }

    @Test
    void withoutTrustedProxiesAClientsOwnForwardedForIsIgnored() {
        RateLimits limits = limits(null, null);
        assertThat(limits.clientAddress(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        // not even from this machine: the gateway is the edge unless told otherwise
        assertThat(limits.clientAddress(from("127.0.0.1", "198.51.100.1"))).isEqualTo("127.0.0.1");
        // so rotating the header does not give a flood a fresh budget
        assertThat(limits.address(from("203.0.113.9", "198.51.100.1")))
                .isSameAs(limits.address(from("203.0.113.9", "198.51.100.2")));
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedCounts() {
        RateLimits limits = limits(List.of("10.0.0.0/24"), null);
        assertThat(limits.clientAddress(from("10.0.0.5", "6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(limits.clientAddress(from("10.0.0.5", "6.6.6.6", "198.51.100.7, 10.0.0.9")))
                .isEqualTo("198.51.100.7");
        assertThat(limits.clientAddress(from("203.0.113.9", "198.51.100.7"))).isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(limits.clientAddress(from("10.0.0.5", "garbage"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aSharedEgressGetsTheLargerAnonymousBudget() {
        RateLimits limits = limits(null, List.of("203.0.113.0/24"));
        assertThat(limits.address(from("203.0.113.9")).getRateLimiterConfig().getLimitForPeriod()).isEqualTo(2000);
        assertThat(limits.failedTokens(from("203.0.113.9")).getRateLimiterConfig().getLimitForPeriod())
                .isEqualTo(2000);
        assertThat(limits.address(from("198.51.100.1")).getRateLimiterConfig().getLimitForPeriod()).isEqualTo(200);
    }
}
