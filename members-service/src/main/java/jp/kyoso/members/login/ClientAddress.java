package jp.kyoso.members.login;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The address a login attempt came from. Behind the gateway every request comes from the gateway, so the client is
 * the first entry of {@code X-Forwarded-For}; that header is believed only when the direct peer is on a loopback or
 * private network (where the gateway runs), since anybody else could write any address into it.
 */
final class ClientAddress {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, boolean trustForwardedFor) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (trustForwardedFor && forwarded != null && isInternal(peer)) {
            String first = forwarded.split(",", 2)[0].trim();
            if (IP_LITERAL.matcher(first).matches()) {
                return first;
            }
        }
        return peer;
    }

    private static boolean isInternal(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            // an IP literal: no name lookup happens
            InetAddress inet = InetAddress.getByName(address);
            byte[] bytes = inet.getAddress();
            boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            return inet.isLoopbackAddress() || inet.isSiteLocalAddress() || inet.isLinkLocalAddress() || uniqueLocalV6;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
