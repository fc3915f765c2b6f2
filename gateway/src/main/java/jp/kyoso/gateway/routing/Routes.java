package jp.kyoso.gateway.routing;

import java.time.Duration;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Every public path of the API to its service. Each route runs in a Resilience4j circuit breaker with a time limiter
 * (see {@link ResilienceConfig}); only idempotent methods are retried, on another instance where there is one.
 */
@Configuration
class Routes {

    @Bean
    RouteLocator kyosoRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                // A live stream stays open for as long as the client listens: no time limiter, no retry.
                .route("notifications-stream", r -> r.path("/api/notifications/stream")
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS))
                .route("members", r -> r.path("/api/auth/**", "/api/members", "/api/members/**",
                                "/api/organizations", "/api/organizations/**", "/.well-known/jwks.json")
                        .filters(f -> resilient(f, "members"))
                        .uri("lb://" + ConfiguredInstances.MEMBERS))
                .route("posts", r -> r.path("/api/channels", "/api/channels/**", "/api/posts", "/api/posts/**",
                                "/api/search", "/api/moderation/**", "/api/sessions", "/api/sessions/**")
                        .filters(f -> resilient(f, "posts"))
                        .uri("lb://" + ConfiguredInstances.POSTS))
                .route("notifications", r -> r.path("/api/notifications", "/api/notifications/**")
                        .filters(f -> resilient(f, "notifications"))
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS))
                .route("members-api-docs", r -> r.path("/v3/api-docs/members")
                        .filters(f -> f.setPath("/v3/api-docs"))
                        .uri("lb://" + ConfiguredInstances.MEMBERS))
                .route("posts-api-docs", r -> r.path("/v3/api-docs/posts")
                        .filters(f -> f.setPath("/v3/api-docs"))
                        .uri("lb://" + ConfiguredInstances.POSTS))
                .route("notifications-api-docs", r -> r.path("/v3/api-docs/notifications")
                        .filters(f -> f.setPath("/v3/api-docs"))
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS))
                .build();
    }

    private static GatewayFilterSpec resilient(GatewayFilterSpec filters, String service) {
        return filters
                .circuitBreaker(breaker -> breaker.setName(service).setFallbackUri("forward:/fallback/" + service))
                .retry(retry -> retry.setRetries(2)
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                        .setBackoff(new RetryGatewayFilterFactory.BackoffConfig(Duration.ofMillis(50),
                                Duration.ofMillis(500), 2, true)));
    }
}
