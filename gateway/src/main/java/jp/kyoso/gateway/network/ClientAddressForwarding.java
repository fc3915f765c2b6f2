package jp.kyoso.gateway.network;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The services get exactly one {@code X-Forwarded-For} entry: the client address the gateway resolved for its own
 * limits. So members-service, trusting the gateway, counts login failures against the same address the gateway
 * counted requests against, and nothing a client wrote into the header reaches a service. Runs after Spring Cloud
 * Gateway's own forwarded-header filters (order 0), replacing what they wrote.
 */
@Component
class ClientAddressForwarding implements HttpHeadersFilter, Ordered {
    static final String HEADER = "X-Forwarded-For";

    private final ClientAddresses addresses;

    ClientAddressForwarding(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.set(HEADER, addresses.of(exchange));
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
