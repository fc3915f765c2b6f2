package jp.kyoso.gateway.request;

import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's own changes to the headers a service gets, made on one copy of them. Spring Cloud Gateway's header
 * filters each return a new copy of every request's headers; ours did too, one copy per change, and header copies
 * (with every name lower-cased again) were among the largest costs in the gateway's profile.
 */
@Component
public class ServiceRequestHeaders implements HttpHeadersFilter, Ordered {
    /** One change to the headers a service gets. */
    public interface Edit {
        void edit(HttpHeaders headers, ServerWebExchange exchange);
    }

    private final List<Edit> edits;

    ServiceRequestHeaders(List<Edit> edits) {
        this.edits = List.copyOf(edits);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        edits.forEach(edit -> edit.edit(headers, exchange));
        return headers;
    }

    /** After Spring Cloud Gateway's own header filters, so that nothing they do undoes ours. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
