package jp.kyoso.gateway.problem;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.routing.GatewayProperties;
import jp.kyoso.gateway.routing.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Unknown routes, unreachable services and anything unexpected: problem+json, never a stack trace. Routes without a
 * fallback reach here when no instance answers, the answer takes too long or their breaker is open
 * ({@link ServiceUnavailableException}): the live stream and every write (see {@code Routes}). That is the same 503
 * as the fallback's, naming the service, not a server error.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private final GatewayProperties properties;

    ProblemErrorHandler(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        boolean cut = cutShort(error);
        if (cut) {
            // a service that stops or crashes while it answers (a live stream is open for hours): normal operation,
            // one line, no stack trace; a live stream reconnects by itself
            log.info("{} {}: the connection was closed while the answer was under way ({})",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), error.getMessage());
            if (exchange.getResponse().isCommitted()) {
                return Mono.empty();
            }
        }
        HttpStatus status = cut || unreachable(error) || error instanceof ServiceUnavailableException
                ? HttpStatus.SERVICE_UNAVAILABLE : statusOf(error);
        if (status == HttpStatus.NOT_FOUND) {
            return Problems.write(exchange.getResponse(), status, Problems.title(status),
                    Messages.get("routing.nothing-at", exchange.getRequest().getPath().value()));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.BAD_GATEWAY
                || status == HttpStatus.GATEWAY_TIMEOUT) {
            exchange.getResponse().getHeaders().set("Retry-After",
                    String.valueOf(Math.max(1, properties.retryAfter().toSeconds())));
            String service = serviceOf(exchange);
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    Problems.title(HttpStatus.SERVICE_UNAVAILABLE), service == null
                            ? Messages.get("routing.a-service-unavailable")
                            : Messages.get("routing.service-unavailable", service));
        }
        if (status.is4xxClientError()) {
            // Spring's own reasons (405, 406, 415, 400 ...) are English only: the client gets the gateway's wording,
            // and the headers that belong to the status (Allow, Accept) as Spring set them
            if (error instanceof ResponseStatusException rse) {
                rse.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
            }
            return Problems.write(exchange.getResponse(), status, Problems.title(status), Problems.detail(status));
        }
        log.error("Unexpected gateway error on {}", exchange.getRequest().getPath().value(), error);
        return Problems.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.title(HttpStatus.INTERNAL_SERVER_ERROR), Problems.detail(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /** The service behind the exchange's route (a write's failures come here, not to the fallback), or null. */
    private static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null && route.getMetadata().get(Routes.SERVICE_METADATA) instanceof String service
                ? service : null;
    }

    private static HttpStatus statusOf(Throwable error) {
        HttpStatusCode code = error instanceof ResponseStatusException rse ? rse.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        HttpStatus status = HttpStatus.resolve(code.value());
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The service's connection (PrematureCloseException) or the client's (AbortedException) ended mid-answer. */
    static boolean cutShort(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PrematureCloseException || cause instanceof AbortedException) {
                return true;
            }
        }
        return false;
    }

    /** No instance of the service could be reached (connection refused or timed out, or none configured). */
    static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof TimeoutException || cause instanceof NotFoundException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && message.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }
}
