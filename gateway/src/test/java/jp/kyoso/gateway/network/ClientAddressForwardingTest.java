package jp.kyoso.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The services get the one address the gateway resolved, never what a client wrote. */
class ClientAddressForwardingTest {

    private static HttpHeaders forwarded(List<String> trustedProxies, String peer, String forwardedFor) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 40000)).header("X-Forwarded-For", forwardedFor));
        ClientAddressForwarding filter = new ClientAddressForwarding(
                new ClientAddresses(new NetworkProperties(trustedProxies, null)));
        return filter.filter(exchange.getRequest().getHeaders(), exchange);
    }

    @Test
    void anUntrustedPeersForwardedForIsReplacedByThePeer() {
        assertThat(forwarded(null, "203.0.113.9", "6.6.6.6").get("X-Forwarded-For")).containsExactly("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheServicesGetOnlyTheResolvedClient() {
        assertThat(forwarded(List.of("10.0.0.0/8"), "10.0.0.5", "6.6.6.6, 198.51.100.7, 10.1.1.1")
                .get("X-Forwarded-For")).containsExactly("198.51.100.7");
    }
}
