package jp.kyoso.members.login;

import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The direct peers whose {@code X-Forwarded-For} is believed: the gateway's own addresses, given as IP addresses or
 * CIDR ranges. Compared as addresses, not as text, so {@code ::1} also matches {@code 0:0:0:0:0:0:0:1}.
 */
final class TrustedProxies {
    private final List<IpAddressMatcher> matchers;

    /** Throws (and so stops the start) on an entry that is not an IP address or range, such as a host name. */
    TrustedProxies(List<String> entries) {
        this.matchers = entries.stream().map(IpAddressMatcher::new).toList();
    }

    boolean trusts(String peer) {
        if (peer == null || !ClientAddress.looksLikeIp(peer)) {
            return false;
        }
        for (IpAddressMatcher matcher : matchers) {
            try {
                if (matcher.matches(peer)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
