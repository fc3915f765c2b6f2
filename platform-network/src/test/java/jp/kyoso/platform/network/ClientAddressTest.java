package jp.kyoso.platform.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final ClientAddress LOOPBACK = new ClientAddress(AddressRanges.of(List.of("127.0.0.1", "::1")));
    private static final ClientAddress BEHIND_LB = new ClientAddress(
            AddressRanges.of(List.of("127.0.0.1", "::1", "10.0.0.0/8", "2001:db8:ffff::/48")));
    private static final ClientAddress NOBODY = new ClientAddress(AddressRanges.none());

    @Test
    void aTrustedProxysEntryIsTheClient() {
        assertThat(LOOPBACK.of("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(LOOPBACK.of("0:0:0:0:0:0:0:1", List.of("2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void spoofedLeftMostEntriesAreIgnored() {
        assertThat(LOOPBACK.of("127.0.0.1", List.of("6.6.6.6, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("6.6.6.6", "198.51.100.4"))).isEqualTo("198.51.100.4");
        // a client that writes a trusted proxy's address still gets only what the proxy appended
        assertThat(LOOPBACK.of("127.0.0.1", List.of("127.0.0.1, 198.51.100.5"))).isEqualTo("198.51.100.5");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        assertThat(LOOPBACK.of("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(LOOPBACK.of("192.168.1.20", List.of("198.51.100.1"))).isEqualTo("192.168.1.20");
        assertThat(NOBODY.of("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_LB.of("11.0.0.1", List.of("198.51.100.1"))).isEqualTo("11.0.0.1");
    }

    @Test
    void manyHopsOfTrustedProxiesAreSkippedFromTheRight() {
        // client → LB 10.1.1.1 → ingress 10.2.2.2 → gateway on this machine
        assertThat(BEHIND_LB.of("127.0.0.1", List.of("6.6.6.6, 198.51.100.7, 10.1.1.1", "10.2.2.2")))
                .isEqualTo("198.51.100.7");
        assertThat(BEHIND_LB.of("10.2.2.2", List.of("2001:db8:1::5, 2001:db8:ffff::1")))
                .isEqualTo("2001:db8:1::5");
        // all trusted: the left-most is as far as anybody vouches
        assertThat(BEHIND_LB.of("127.0.0.1", List.of("10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
        // a header of hundreds of trusted hops costs at most MAX_HOPS look-ups
        List<String> hops = new ArrayList<>(List.of("198.51.100.9"));
        for (int i = 0; i < 500; i++) {
            hops.add("10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(BEHIND_LB.of("127.0.0.1", List.of(String.join(",", hops)))).startsWith("10.");
    }

    @Test
    void garbageStopsTheWalkAtTheLastAddressATrustedProxyVouchedFor() {
        assertThat(LOOPBACK.of("127.0.0.1", List.of("<script>"))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("198.51.100.1, "))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("unknown"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_LB.of("127.0.0.1", List.of("198.51.100.1, evil.example, 10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("1.2.3"))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("256.1.1.1"))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("fe80::1%eth0"))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("dead:beef"))).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(LOOPBACK.of("not-an-address", List.of("198.51.100.1"))).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(LOOPBACK.of(null, List.of())).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void portsBracketsAndSpellingsOfOneAddressGiveOneCanonicalText() {
        assertThat(LOOPBACK.of("127.0.0.1", List.of("[2001:DB8:0:0:0:0:0:1]:443"))).isEqualTo("2001:db8::1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("198.51.100.1:51234"))).isEqualTo("198.51.100.1");
        assertThat(LOOPBACK.of("127.0.0.1", List.of("::ffff:198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(LOOPBACK.of("::ffff:127.0.0.1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(NOBODY.of("2001:db8:0:0:1:0:0:1", List.of())).isEqualTo("2001:db8::1:0:0:1");
        assertThat(NOBODY.of("0:0:0:0:0:0:0:0", List.of())).isEqualTo("::");
        assertThat(NOBODY.of("2001:db8:1:2:3:4:5:6", List.of())).isEqualTo("2001:db8:1:2:3:4:5:6");
    }

    @Test
    void rangesAreComparedAsAddressesAndBadEntriesStopTheStart() {
        AddressRanges ranges = AddressRanges.of(Arrays.asList("172.16.0.0/12", " 2001:db8::/32 ", "", "192.0.2.7"));
        assertThat(ranges.contains("172.31.255.255")).isTrue();
        assertThat(ranges.contains("172.32.0.0")).isFalse();
        assertThat(ranges.contains("2001:0db8:ffff::1")).isTrue();
        assertThat(ranges.contains("2001:db9::1")).isFalse();
        assertThat(ranges.contains("192.0.2.7")).isTrue();
        assertThat(ranges.contains("192.0.2.8")).isFalse();
        assertThat(ranges.contains("::ffff:192.0.2.7")).isTrue();
        assertThat(ranges.contains("garbage")).isFalse();
        assertThat(AddressRanges.of(List.of("0.0.0.0/0")).contains("2001:db8::1")).isFalse();
        for (String bad : List.of("gateway", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "10.0.0.1:80", "[::1]")) {
            assertThatThrownBy(() -> AddressRanges.of(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
