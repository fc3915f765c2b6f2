package jp.kyoso.gateway.problem;

import java.util.Set;
import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.routing.GatewayProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends requests that its service cannot answer: a fast, clear 503. Reached only by
 * the breaker's internal forward (clients are refused {@code /fallback/**} by SecurityConfig), and only for the
 * services the routes name.
 */
@RestController
class FallbackController {
    static final Set<String> SERVICES = Set.of("members", "posts", "notifications");
    private final GatewayProperties properties;

    FallbackController(GatewayProperties properties) {
        this.properties = properties;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        if (!SERVICES.contains(service)) {
            return Problems.write(exchange.getResponse(), HttpStatus.NOT_FOUND,
                    Problems.title(HttpStatus.NOT_FOUND), Messages.get("routing.no-api-here"));
        }
        exchange.getResponse().getHeaders().set("Retry-After",
                String.valueOf(Math.max(1, properties.retryAfter().toSeconds())));
        return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                Problems.title(HttpStatus.SERVICE_UNAVAILABLE), Messages.get("routing.service-unavailable", service));
    }
}
