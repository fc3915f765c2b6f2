package jp.kyoso.platform.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address read from text that a client may have written, so never by a name lookup: IPv4 must be four
 * decimal octets (not Java's legacy "1.2.3" or octal forms), IPv6 is handed to the JDK only when it contains a colon,
 * which makes the JDK parse it as a literal or fail without asking DNS. An IPv4-mapped IPv6 address is its IPv4
 * address, so that one client has one spelling. {@link #toString()} is the canonical text (RFC 5952 for IPv6):
 * "::1" and "0:0:0:0:0:0:0:1" are one key in a rate limit.
 */
public final class IpAddress {
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The address, also in the forms proxies write into {@code X-Forwarded-For}: {@code [2001:db8::1]:443},
     * {@code [2001:db8::1]}, {@code 192.0.2.1:51234}. Empty for anything else (host names, zone ids, garbage).
     */
    public static Optional<IpAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || !(close == value.length() - 1 || value.startsWith(":", close + 1)
                    && isPort(value.substring(close + 2)))) {
                return Optional.empty();
            }
            return parseIpv6(value.substring(1, close));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            // one colon: IPv4 with a port (IPv6 has at least two)
            return isPort(value.substring(colon + 1)) ? parseIpv4(value.substring(0, colon)) : Optional.empty();
        }
        return colon < 0 ? parseIpv4(value) : parseIpv6(value);
    }

    /** For addresses the platform itself reports (a socket's peer); same rules. */
    public static IpAddress of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    }

    byte[] bytes() {
        return bytes;
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    }

    /**
     * Four dot-separated octets of one to three ASCII digits, each at most 255. A loop rather than a regular
     * expression: the gateway reads a client address on every request, and the regex showed in its profile.
     */
    private static Optional<IpAddress> parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    return Optional.empty();
                }
            } else if (c == '.' && digits > 0 && value <= 255 && octet < 4) {
                bytes[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return Optional.empty();
            }
        }
        return octet == 4 ? Optional.of(new IpAddress(bytes)) : Optional.empty();
    }

    private static Optional<IpAddress> parseIpv6(String text) {
        if (!IPV6_CHARS.matcher(text).matches() || text.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            // a literal with a colon: the JDK parses it or throws, it never resolves it as a name
            InetAddress address = InetAddress.getByName(text);
            // an IPv4-mapped address comes back as an Inet4Address: its 4 bytes
            return Optional.of(new IpAddress(address.getAddress()));
        } catch (UnknownHostException | SecurityException notALiteral) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        if (isIpv4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        // RFC 5952: the longest run of at least two zero groups (the first of equals) becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
