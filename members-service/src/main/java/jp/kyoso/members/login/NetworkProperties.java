package jp.kyoso.members.login;

import java.util.List;
import jp.kyoso.platform.network.AddressRanges;
import jp.kyoso.platform.network.ClientAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where requests come from; the same keys as the gateway's (platform-network reads them the same way).
 *
 * @param trustedProxies IP addresses or CIDR ranges of the proxies whose {@code X-Forwarded-For} is believed (here:
 *                       the gateway). Default loopback, which fits {@code ./kyoso up}. Empty: the header is never
 *                       read. {@code KYOSO_NETWORK_TRUSTED_PROXIES}, comma-separated
 * @param sharedEgress   IP addresses or CIDR ranges of shared egress (自治体情報セキュリティクラウド, LGWAN gateways):
 *                       thousands of staff behind one address, so per-address limits are raised for them.
 *                       {@code KYOSO_NETWORK_SHARED_EGRESS}, comma-separated
 */
@ConfigurationProperties("kyoso.network")
public record NetworkProperties(List<String> trustedProxies, List<String> sharedEgress) {
    public NetworkProperties {
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1", "::1") : clean(trustedProxies);
        sharedEgress = sharedEgress == null ? List.of() : clean(sharedEgress);
        // a host name or a typo stops the start instead of trusting nobody (or everybody)
        AddressRanges.of(trustedProxies);
        AddressRanges.of(sharedEgress);
    }

    ClientAddress clientAddress() {
        return new ClientAddress(AddressRanges.of(trustedProxies));
    }

    AddressRanges sharedEgressRanges() {
        return AddressRanges.of(sharedEgress);
    }

    private static List<String> clean(List<String> entries) {
        return entries.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}
