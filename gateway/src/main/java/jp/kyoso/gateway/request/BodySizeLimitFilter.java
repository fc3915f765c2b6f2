package jp.kyoso.gateway.request;

import java.util.Optional;
import java.util.Set;
import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.problem.Problems;
import jp.kyoso.gateway.routing.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bodies over the limit (64 KiB by default) get 413 before they reach a service. A body without Content-Length
 * (chunked) is read into memory up to the limit first and then replayed, so that an oversized one is refused here
 * and never fails inside the proxied call (where the route's circuit breaker would count it against the service).
 */
@Component
class BodySizeLimitFilter implements WebFilter, Ordered {
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private final long maxBodySize;

    BodySizeLimitFilter(GatewayProperties properties) {
        this.maxBodySize = properties.maxBodySize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBodySize) {
            return tooLarge(exchange);
        }
        if (declared >= 0 || !WITH_BODY.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        int limit = (int) Math.min(Integer.MAX_VALUE, maxBodySize);
        return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> chain.filter(exchange.mutate().request(replaying(exchange, body)).build()))
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange));
    }

    /** The request as the services should get it: the buffered body, with its now known length. */
    private static ServerHttpRequest replaying(ServerWebExchange exchange, Optional<DataBuffer> body) {
        int length = body.map(DataBuffer::readableByteCount).orElse(0);
        ServerHttpRequest sized = exchange.getRequest().mutate()
                .headers(headers -> {
                    headers.remove(HttpHeaders.TRANSFER_ENCODING);
                    headers.setContentLength(length);
                })
                .build();
        return new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> body.map(Flux::just).orElseGet(Flux::empty));
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                Problems.title(HttpStatus.CONTENT_TOO_LARGE), tooLargeDetail());
    }

    private String tooLargeDetail() {
        return Messages.get("request.body-too-large", String.valueOf(maxBodySize / 1024));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** WebFlux names each filter of the chain per request (its checkpoint): a constant, not Object's hash string. */
    @Override
    public String toString() {
        return "BodySizeLimitFilter";
    }
}
