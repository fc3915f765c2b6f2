package jp.kyoso.gateway.network;

import java.util.List;
import jp.kyoso.platform.network.AddressRanges;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where requests come from; the same keys as members-service's (platform-network reads them the same way).
 *
 * @param trustedProxies IP addresses or CIDR ranges of the proxies in front of the gateway (a load balancer, the
 *                       prefecture's reverse proxy) whose {@code X-Forwarded-For} is believed. Default none: the
 *                       gateway is the edge, and whatever a client writes into the header is ignored.
 *                       {@code KYOSO_NETWORK_TRUSTED_PROXIES}, comma-separated
 * @param sharedEgress   IP addresses or CIDR ranges of shared egress (自治体情報セキュリティクラウド, LGWAN gateways)
 *                       whose anonymous budget is {@code kyoso.rate-limit.shared-egress-anonymous-per-second}.
 *                       {@code KYOSO_NETWORK_SHARED_EGRESS}, comma-separated
 */
@ConfigurationProperties("kyoso.network")
public record NetworkProperties(List<String> trustedProxies, List<String> sharedEgress) {
    public NetworkProperties {
        trustedProxies = clean(trustedProxies);
        sharedEgress = clean(sharedEgress);
        // a host name or a typo stops the start instead of trusting nobody (or everybody)
        AddressRanges.of(trustedProxies);
        AddressRanges.of(sharedEgress);
    }

    private static List<String> clean(List<String> entries) {
        return entries == null ? List.of()
                : entries.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}
