package jp.kyoso.platform.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reading of "which client sent this request", shared by the gateway (reactive) and the services (servlet):
 * plain strings in, so each side passes its own peer address and {@code X-Forwarded-For} lines.
 *
 * <p>{@code X-Forwarded-For} is believed only when the direct peer is a trusted proxy ({@code
 * kyoso.network.trusted-proxies}), since anybody else can write anything into it. Even then only the entries that
 * trusted proxies appended are believed: the list is walked from the right (each proxy appends the address it
 * observed), skipping trusted proxies; the first entry that is not one is the client. Everything left of it may have
 * been written by the client and is ignored. When the walk meets garbage, the last address a trusted proxy vouched for
 * is the client (the proxy that appended garbage is still the last thing we know); when every entry is a trusted
 * proxy, the left-most is. The walk stops after {@link #MAX_HOPS} entries so a huge header costs little.
 */
public final class ClientAddress {
    static final int MAX_HOPS = 20;
    /** What a request without any usable peer address is counted as. */
    public static final String UNKNOWN = "unknown";

    private final AddressRanges trustedProxies;

    public ClientAddress(AddressRanges trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param peer         the address of the direct peer (the socket), as the server reports it
     * @param forwardedFor every {@code X-Forwarded-For} line in order (several lines are one list); may be empty
     * @return the client's address in canonical form, or {@link #UNKNOWN}
     */
    public String of(String peer, List<String> forwardedFor) {
        Optional<IpAddress> peerAddress = IpAddress.parse(peer);
        if (peerAddress.isEmpty()) {
            return UNKNOWN;
        }
        IpAddress client = peerAddress.get();
        if (!trustedProxies.contains(client) || forwardedFor == null || forwardedFor.isEmpty()) {
            return client.toString();
        }
        List<String> entries = entries(forwardedFor);
        int examined = 0;
        for (int i = entries.size() - 1; i >= 0 && examined < MAX_HOPS; i--, examined++) {
            Optional<IpAddress> hop = IpAddress.parse(entries.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trustedProxies.contains(client)) {
                break;
            }
        }
        return client.toString();
    }

    /** True when the direct peer is one of the trusted proxies. */
    public boolean trusts(String peer) {
        return trustedProxies.contains(peer);
    }

    private static List<String> entries(List<String> lines) {
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            for (String entry : line.split(",", -1)) {
                entries.add(entry.trim());
            }
        }
        return entries;
    }
}
