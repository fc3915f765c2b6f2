package jp.kyoso.gateway.network;

import java.util.List;
import jp.kyoso.gateway.request.ServiceRequestHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The services get exactly one {@code X-Forwarded-For} entry: the client address the gateway resolved for its own
 * limits. So members-service, trusting the gateway, counts login failures against the same address the gateway
 * counted requests against, and nothing a client wrote into the header reaches a service.
 * <p>
 * This is the only forwarding header the gateway writes. Spring Cloud Gateway's own {@code Forwarded} and
 * {@code X-Forwarded-Host/Proto/Port/Prefix} filters are off (application.yml): no service reads them, and each made
 * one more copy of every request's headers. What a client wrote into those headers is dropped here instead.
 */
@Component
class ClientAddressForwarding implements ServiceRequestHeaders.Edit {
    static final String HEADER = "X-Forwarded-For";
    static final List<String> CLIENT_WRITTEN = List.of("Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto",
            "X-Forwarded-Port", "X-Forwarded-Prefix");

    private final ClientAddresses addresses;

    ClientAddressForwarding(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        CLIENT_WRITTEN.forEach(headers::remove);
        headers.set(HEADER, addresses.of(exchange));
    }
}
