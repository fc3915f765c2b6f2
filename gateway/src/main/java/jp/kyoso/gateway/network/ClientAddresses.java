package jp.kyoso.gateway.network;

import java.net.InetSocketAddress;
import java.util.List;
import jp.kyoso.platform.network.AddressRanges;
import jp.kyoso.platform.network.ClientAddress;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The reactive side of platform-network's {@link ClientAddress}: who sent this request (for the per-address budgets
 * and for the {@code X-Forwarded-For} the services get), and whether that is a shared egress.
 */
@Component
public class ClientAddresses {
    private final ClientAddress clientAddress;
    private final AddressRanges sharedEgress;

    public ClientAddresses(NetworkProperties network) {
        this.clientAddress = new ClientAddress(AddressRanges.of(network.trustedProxies()));
        this.sharedEgress = AddressRanges.of(network.sharedEgress());
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        List<String> forwardedFor = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        return clientAddress.of(peer, forwardedFor);
    }

    public boolean isSharedEgress(String address) {
        return sharedEgress.contains(address);
    }
}
