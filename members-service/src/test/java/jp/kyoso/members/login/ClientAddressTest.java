package jp.kyoso.members.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {
    private static final TrustedProxies DEFAULT = new TrustedProxies(new LoginProperties(null, null, null)
            .trustedProxies());
    private static final TrustedProxies COMPOSE_NETWORK = new TrustedProxies(List.of("172.16.0.0/12", "10.0.0.5"));

    @Test
    void behindATrustedProxyTheClientIsTheEntryTheProxyAppended() {
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1"), DEFAULT)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of(request("0:0:0:0:0:0:0:1", "2001:db8::1"), DEFAULT)).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.of(request("172.18.0.5", "198.51.100.2"), COMPOSE_NETWORK)).isEqualTo("198.51.100.2");
        assertThat(ClientAddress.of(request("10.0.0.5", "198.51.100.3"), COMPOSE_NETWORK)).isEqualTo("198.51.100.3");
    }

    @Test
    void whatAClientWroteBeforeTheProxysEntryIsIgnored() {
        assertThat(ClientAddress.of(request("127.0.0.1", "6.6.6.6, 198.51.100.1"), DEFAULT)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of(request("127.0.0.1", "6.6.6.6", "198.51.100.4"), DEFAULT))
                .isEqualTo("198.51.100.4");
    }

    @Test
    void aPeerThatIsNotAConfiguredProxyCannotChooseItsAddress() {
        assertThat(ClientAddress.of(request("203.0.113.9", "198.51.100.1"), DEFAULT)).isEqualTo("203.0.113.9");
        // private networks are not trusted just for being private
        assertThat(ClientAddress.of(request("192.168.1.20", "198.51.100.1"), DEFAULT)).isEqualTo("192.168.1.20");
        assertThat(ClientAddress.of(request("10.0.0.6", "198.51.100.1"), COMPOSE_NETWORK)).isEqualTo("10.0.0.6");
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1"), COMPOSE_NETWORK)).isEqualTo("127.0.0.1");
    }

    @Test
    void garbageOrMissingHeadersOrNoTrustedProxiesLeaveThePeerAddress() {
        assertThat(ClientAddress.of(request("127.0.0.1", "<script>"), DEFAULT)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1, "), DEFAULT)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(request("127.0.0.1"), DEFAULT)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1"), new TrustedProxies(List.of())))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aHostNameIsNoTrustedProxy() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("gateway"))).isInstanceOf(IllegalArgumentException.class);
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
