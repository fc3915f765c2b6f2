package jp.kyoso.gateway.request;

import jp.kyoso.gateway.problem.Problems;
import jp.kyoso.gateway.routing.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Bodies over the limit (64 KiB by default) get 413 before they reach a service. */
@Component
class BodySizeLimitFilter implements WebFilter, Ordered {
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
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        // No Content-Length (chunked): count the bytes as they stream through.
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().map(buffer -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > maxBodySize) {
                        DataBufferUtils.release(buffer);
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLargeDetail());
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                "リクエストが大きすぎます / Request too large", tooLargeDetail());
    }

    private String tooLargeDetail() {
        return "本文は " + (maxBodySize / 1024) + " KiB までです / The request body may be at most "
                + (maxBodySize / 1024) + " KiB";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
