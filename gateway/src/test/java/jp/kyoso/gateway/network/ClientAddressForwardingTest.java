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
        return edited(new ClientAddressForwarding(new ClientAddresses(new NetworkProperties(trustedProxies, null))),
                exchange);
    }

    /** The headers as the service gets them, with this the only change ({@code ServiceRequestHeaders}). */
    private static HttpHeaders edited(ClientAddressForwarding forwarding, MockServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(exchange.getRequest().getHeaders());
        forwarding.edit(headers, exchange);
        return headers;
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

    @Test
    void forwardingHeadersAClientWroteDoNotReachTheServices() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/posts")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 40000))
                .header("Forwarded", "for=6.6.6.6;proto=https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/admin").header("X-Request-Id", "kept"));
        HttpHeaders headers = edited(new ClientAddressForwarding(new ClientAddresses(new NetworkProperties(null,
                null))), exchange);

        assertThat(headers.headerNames()).containsExactlyInAnyOrder("X-Request-Id", "X-Forwarded-For");
        assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.9");
    }
}
