package jp.kyoso.members.login;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.regex.Pattern;

/**
 * The address a login attempt came from. Behind the gateway every request comes from the gateway, which drops any
 * {@code X-Forwarded-For} the client sent and appends the address it observed; so the client is the <em>last</em>
 * entry, the one the trusted proxy wrote (entries before it would be whatever a client made up, were the header ever
 * passed through). The header is believed only when the direct peer is a configured trusted proxy, since anybody
 * else could write any address into it.
 */
final class ClientAddress {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, TrustedProxies trustedProxies) {
        String peer = request.getRemoteAddr();
        if (!trustedProxies.trusts(peer)) {
            return peer;
        }
        String last = lastForwardedEntry(request.getHeaders("X-Forwarded-For"));
        return last != null && looksLikeIp(last) ? last : peer;
    }

    static boolean looksLikeIp(String address) {
        return IP_LITERAL.matcher(address).matches();
    }

    /** The last entry of the last header line: several lines are one list, in order. */
    private static String lastForwardedEntry(Enumeration<String> lines) {
        String lastLine = null;
        while (lines != null && lines.hasMoreElements()) {
            lastLine = lines.nextElement();
        }
        if (lastLine == null) {
            return null;
        }
        return lastLine.substring(lastLine.lastIndexOf(',') + 1).trim();
    }
}
