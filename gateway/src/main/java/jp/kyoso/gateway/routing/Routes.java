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

    static final String[] MEMBERS_PATHS = {"/api/auth/**", "/api/members", "/api/members/**", "/api/organizations",
        "/api/organizations/**", "/.well-known/jwks.json"};
    static final String[] POSTS_PATHS = {"/api/channels", "/api/channels/**", "/api/posts", "/api/posts/**",
        "/api/search", "/api/moderation/**", "/api/sessions", "/api/sessions/**"};
    static final String[] NOTIFICATIONS_PATHS = {"/api/notifications", "/api/notifications/**"};
    /** The breakers of the write routes: each gets {@code kyoso.gateway.write-timeout} ({@link ResilienceConfig}). */
    static final String[] WRITE_BREAKERS = {"members-writes", "posts-writes", "notifications-writes"};
    private static final HttpMethod[] WRITES = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE};

    /**
     * Each service has two routes: its writes, then everything else. A write the gateway gives up on is usually
     * finished by the service all the same, and the client is told it failed: on a busy or just-started machine, 3 s
     * turned into 503 storms of posts that were stored (issue 12). Writes get their own, longer time limit and their
     * own breaker (so slow writes do not cut reads off, nor the other way round); reads keep failing fast.
     */
    @Bean
    RouteLocator kyosoRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                // A live stream stays open for as long as the client listens: no time limiter, no retry.
                .route("notifications-stream", r -> r.path("/api/notifications/stream")
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS))
                .route("members-writes", r -> r.path(MEMBERS_PATHS).and().method(WRITES)
                        .filters(f -> resilient(f, "members", "members-writes"))
                        .uri("lb://" + ConfiguredInstances.MEMBERS))
                .route("members", r -> r.path(MEMBERS_PATHS)
                        .filters(f -> resilient(f, "members", "members"))
                        .uri("lb://" + ConfiguredInstances.MEMBERS))
                .route("posts-writes", r -> r.path(POSTS_PATHS).and().method(WRITES)
                        .filters(f -> resilient(f, "posts", "posts-writes"))
                        .uri("lb://" + ConfiguredInstances.POSTS))
                .route("posts", r -> r.path(POSTS_PATHS)
                        .filters(f -> resilient(f, "posts", "posts"))
                        .uri("lb://" + ConfiguredInstances.POSTS))
                .route("notifications-writes", r -> r.path(NOTIFICATIONS_PATHS).and().method(WRITES)
                        .filters(f -> resilient(f, "notifications", "notifications-writes"))
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS))
                .route("notifications", r -> r.path(NOTIFICATIONS_PATHS)
                        .filters(f -> resilient(f, "notifications", "notifications"))
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

    private static GatewayFilterSpec resilient(GatewayFilterSpec filters, String service, String breakerName) {
        return filters
                .circuitBreaker(breaker -> breaker.setName(breakerName).setFallbackUri("forward:/fallback/" + service))
                .retry(retry -> retry.setRetries(2)
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                        .setBackoff(new RetryGatewayFilterFactory.BackoffConfig(Duration.ofMillis(50),
                                Duration.ofMillis(500), 2, true)));
    }
}
