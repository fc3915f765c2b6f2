package jp.kyoso.gateway.request;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First thing on every request: takes the client's {@code X-Request-Id} or makes one, passes it to the service,
 * echoes it in the response and writes one access-log line carrying it.
 *
 * <p>The forwarding headers the services get are {@code network.ClientAddressForwarding}'s.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {
    static final String HEADER = "X-Request-Id";
    private static final Logger access = LoggerFactory.getLogger("jp.kyoso.gateway.access");
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String candidate = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate
                : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(HEADER, requestId))
                .build();
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(exchange.mutate().request(request).build())
                .doFinally(signal -> access.info("[gateway,{}] {} {} -> {} in {} ms", requestId,
                        request.getMethod(), request.getPath().value(), outcome(exchange, signal),
                        (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * The status sent, or that the client went away first: a response never sent still reads 200, which made
     * requests abandoned by a timing-out client look like successes in this log (nginx logs them as 499).
     */
    private static String outcome(ServerWebExchange exchange, SignalType signal) {
        if (signal == SignalType.CANCEL && !exchange.getResponse().isCommitted()) {
            return "cancelled by the client before an answer";
        }
        return String.valueOf(exchange.getResponse().getStatusCode());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** WebFlux names each filter of the chain per request (its checkpoint): a constant, not Object's hash string. */
    @Override
    public String toString() {
        return "RequestIdFilter";
    }
}
