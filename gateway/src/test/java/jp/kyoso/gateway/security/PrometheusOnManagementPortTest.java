package jp.kyoso.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/** Prometheus may scrape the gateway without a token only on the management port, never on the public one. */
class PrometheusOnManagementPortTest {

    private static boolean matches(int managementPort, String path, int localPort) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path)
                .localAddress(new InetSocketAddress("127.0.0.1", localPort)));
        ServerWebExchangeMatcher.MatchResult result = SecurityConfig.prometheusOnManagementPort(managementPort)
                .matches(exchange).block();
        return result != null && result.isMatch();
    }

    @Test
    void theScrapeOnTheManagementPortIsLetThrough() {
        assertThat(matches(9464, "/actuator/prometheus", 9464)).isTrue();
    }

    @Test
    void thePublicPortAndOtherEndpointsAreNot() {
        assertThat(matches(9464, "/actuator/prometheus", 8080)).isFalse();
        assertThat(matches(9464, "/actuator/env", 9464)).isFalse();
        // no management port configured (./kyoso up): the metrics stay an admin's on the one port
        assertThat(matches(-1, "/actuator/prometheus", 8080)).isFalse();
    }
}
