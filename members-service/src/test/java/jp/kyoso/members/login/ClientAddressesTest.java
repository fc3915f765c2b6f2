package jp.kyoso.members.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The servlet side of platform-network's parser (its own tests cover the tricky headers). */
class ClientAddressesTest {
    private static final ClientAddresses DEFAULT = new ClientAddresses(new NetworkProperties(null, null));
    private static final ClientAddresses COMPOSE_NETWORK = new ClientAddresses(
            new NetworkProperties(List.of("172.16.0.0/12", "10.0.0.5"), List.of("203.0.113.0/24")));

    @Test
    void behindATrustedProxyTheClientIsTheEntryTheProxyAppended() {
        assertThat(DEFAULT.of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(DEFAULT.of(request("0:0:0:0:0:0:0:1", "2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(COMPOSE_NETWORK.of(request("172.18.0.5", "198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(DEFAULT.of(request("127.0.0.1", "6.6.6.6, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(DEFAULT.of(request("127.0.0.1", "6.6.6.6", "198.51.100.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(DEFAULT.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(DEFAULT.of(request("192.168.1.20", "198.51.100.1"))).isEqualTo("192.168.1.20");
        assertThat(COMPOSE_NETWORK.of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("127.0.0.1");
        assertThat(new ClientAddresses(new NetworkProperties(List.of(), null)).of(request("127.0.0.1", "198.51.100.1")))
                .isEqualTo("127.0.0.1");
        assertThat(DEFAULT.of(request("127.0.0.1", "<script>"))).isEqualTo("127.0.0.1");
    }

    @Test
    void sharedEgressIsAListOfRanges() {
        assertThat(COMPOSE_NETWORK.isSharedEgress("203.0.113.77")).isTrue();
        assertThat(COMPOSE_NETWORK.isSharedEgress("198.51.100.1")).isFalse();
        assertThat(DEFAULT.isSharedEgress("203.0.113.77")).isFalse();
    }

    @Test
    void aHostNameIsNoTrustedProxyNorEgress() {
        assertThatThrownBy(() -> new NetworkProperties(List.of("gateway"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetworkProperties(null, List.of("lgwan.example")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
        request.setRemoteAddr(peer);
        for (String line : forwardedFor) {
            request.addHeader("X-Forwarded-For", line);
        }
        return request;
    }
}
