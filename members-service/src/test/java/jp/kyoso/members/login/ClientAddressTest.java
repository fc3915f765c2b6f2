package jp.kyoso.members.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    void behindAnInternalProxyTheClientIsTheFirstForwardedAddress() {
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1, 10.0.0.3"), true)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of(request("10.1.2.3", "2001:db8::1"), true)).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.of(request("172.18.0.5", "198.51.100.2"), true)).isEqualTo("198.51.100.2");
    }

    @Test
    void aPeerOnThePublicInternetCannotChooseItsAddress() {
        assertThat(ClientAddress.of(request("203.0.113.9", "198.51.100.1"), true)).isEqualTo("203.0.113.9");
    }

    @Test
    void garbageOrMissingHeadersOrDistrustLeaveThePeerAddress() {
        assertThat(ClientAddress.of(request("127.0.0.1", "<script>"), true)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(request("127.0.0.1", null), true)).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(request("127.0.0.1", "198.51.100.1"), false)).isEqualTo("127.0.0.1");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
