package jp.kyoso.members.login;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import jp.kyoso.platform.network.AddressRanges;
import jp.kyoso.platform.network.ClientAddress;
import org.springframework.stereotype.Component;

/**
 * The servlet side of platform-network's {@link ClientAddress}: the address a login attempt came from, read exactly as
 * the gateway reads it for its own limits, and whether it is a shared egress.
 */
@Component
class ClientAddresses {
    private final ClientAddress clientAddress;
    private final AddressRanges sharedEgress;

    ClientAddresses(NetworkProperties network) {
        this.clientAddress = network.clientAddress();
        this.sharedEgress = network.sharedEgressRanges();
    }

    String of(HttpServletRequest request) {
        List<String> forwardedFor = Collections.list(request.getHeaders("X-Forwarded-For"));
        return clientAddress.of(request.getRemoteAddr(), forwardedFor);
    }

    boolean isSharedEgress(String address) {
        return sharedEgress.contains(address);
    }
}
