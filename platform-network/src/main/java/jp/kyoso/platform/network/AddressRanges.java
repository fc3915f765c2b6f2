package jp.kyoso.platform.network;

import java.util.List;

/**
 * A list of IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}), compared as
 * addresses, not as text. An IPv4 range never matches an IPv6 address and the other way round (an IPv4-mapped IPv6
 * address is read as IPv4 first, see {@link IpAddress}).
 */
public final class AddressRanges {
    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Throws on an entry that is not an address or range, such as a host name: a typo in the configuration must stop
     * the start rather than quietly trust nobody (or everybody). Blank entries are left out.
     */
    public static AddressRanges of(List<String> entries) {
        return new AddressRanges(entries == null ? List.of() : entries.stream().map(String::trim)
                .filter(entry -> !entry.isEmpty()).map(Range::parse).toList());
    }

    public static AddressRanges none() {
        return new AddressRanges(List.of());
    }

    public boolean contains(IpAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(String address) {
        return IpAddress.parse(address).map(this::contains).orElse(false);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    private record Range(byte[] network, int prefixLength) {
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            IpAddress network = IpAddress.parse(address).filter(ip -> !address.contains("[") && !isWithPort(address, ip))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "not an IP address or CIDR range: \"" + entry + "\""));
            int bits = network.bytes().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("not an IP address or CIDR range: \"" + entry + "\"");
                }
            }
            return new Range(network.bytes(), prefix);
        }

        private static boolean isWithPort(String text, IpAddress ip) {
            return ip.isIpv4() && text.contains(":") && !text.contains("::");
        }

        boolean contains(IpAddress address) {
            byte[] candidate = address.bytes();
            if (candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = 0xff << (8 - restBits) & 0xff;
            return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
