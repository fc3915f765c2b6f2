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
        RouteLocatorBuilder.Builder all = routes.routes()
                // A live stream stays open for as long as the client listens: no time limiter, no retry.
                .route("notifications-stream", r -> r.path("/api/notifications/stream")
                        .uri("lb://" + ConfiguredInstances.NOTIFICATIONS));
        service(all, "members", ConfiguredInstances.MEMBERS, MEMBERS_PATHS);
        service(all, "posts", ConfiguredInstances.POSTS, POSTS_PATHS);
        service(all, "notifications", ConfiguredInstances.NOTIFICATIONS, NOTIFICATIONS_PATHS);
        apiDocs(all, "members", ConfiguredInstances.MEMBERS);
        apiDocs(all, "posts", ConfiguredInstances.POSTS);
        apiDocs(all, "notifications", ConfiguredInstances.NOTIFICATIONS);
        return all.build();
    }

    /** The service's writes (breaker {@code <service>-writes}), then the rest of its paths ({@code <service>}). */
    private static void service(RouteLocatorBuilder.Builder all, String service, String instances, String[] paths) {
        all.route(service + "-writes", r -> r.path(paths).and().method(WRITES)
                        .filters(f -> resilient(f, service, service + "-writes"))
                        .uri("lb://" + instances))
                .route(service, r -> r.path(paths)
                        .filters(f -> resilient(f, service, service))
                        .uri("lb://" + instances));
    }

    private static void apiDocs(RouteLocatorBuilder.Builder all, String service, String instances) {
        all.route(service + "-api-docs", r -> r.path("/v3/api-docs/" + service)
                .filters(f -> f.setPath("/v3/api-docs"))
                .uri("lb://" + instances));
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
