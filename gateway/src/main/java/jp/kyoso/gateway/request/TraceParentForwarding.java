package jp.kyoso.gateway.request;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace on to the service: the W3C {@code traceparent} the service gets names the gateway's own span for
 * the request (the server observation's), whether the client started the trace or the gateway did. It replaces
 * whatever the client sent, so the service's span hangs under the gateway's.
 * <p>
 * Spring Cloud Gateway's observation of the proxied call did this with a span of its own per request. That observation
 * is off ({@code spring.cloud.gateway.server.webflux.observability.enabled: false}): its timer is on no dashboard,
 * and starting, scoping and stopping it per request was a tenth of the gateway's CPU in a profile.
 */
@Component
class TraceParentForwarding implements ServiceRequestHeaders.Edit {
    private final Propagator propagator;

    /** Without a propagator (tracing switched off with {@code management.tracing.enabled: false}) nothing is added. */
    TraceParentForwarding(ObjectProvider<Propagator> propagator) {
        this.propagator = propagator.getIfAvailable();
    }

    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        Span span = propagator == null ? null : gatewaySpan(exchange);
        if (span != null) {
            propagator.fields().forEach(headers::remove);
            propagator.inject(span.context(), headers, HttpHeaders::set);
        }
    }

    private static Span gatewaySpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .orElse(null);
    }
}
