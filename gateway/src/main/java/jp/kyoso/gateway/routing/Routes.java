package jp.kyoso.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Every public path of the API to its service. Each route runs in a Resilience4j circuit breaker (see
 * {@link ResilienceConfig}), with a time limit for the service's answer ({@link ServiceTimeLimits}); only idempotent
 * methods are retried, on another instance where there is one.
 */
@Configuration
public class Routes {

    static final String[] MEMBERS_PATHS = {"/api/auth/**", "/api/members", "/api/members/**", "/api/organizations",
        "/api/organizations/**", "/.well-known/jwks.json"};
    static final String[] POSTS_PATHS = {"/api/channels", "/api/channels/**", "/api/posts", "/api/posts/**",
        "/api/search", "/api/moderation/**", "/api/sessions", "/api/sessions/**"};
    static final String[] NOTIFICATIONS_PATHS = {"/api/notifications", "/api/notifications/**"};
    static final String STREAM_PATH = "/api/notifications/stream";
    private static final HttpMethod[] WRITES = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE};
    /** The route metadata that names the service behind a route ("members", "posts", "notifications"). */
    public static final String SERVICE_METADATA = "kyoso-service";

    /**
     * Each service has two routes: its writes, then everything else. A write the gateway gives up on is usually
     * finished by the service all the same, and the client is told it failed: on a busy or just-started machine, 3 s
     * turned into 503 storms of posts that were stored (issue 12). Writes get their own, longer time limit and their
     * own breaker (so slow writes do not cut reads off, nor the other way round); reads keep failing fast.
     */
    @Bean
    RouteLocator kyosoRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        String members = target(ConfiguredInstances.MEMBERS, properties.membersUris());
        String posts = target(ConfiguredInstances.POSTS, properties.postsUris());
        String notifications = target(ConfiguredInstances.NOTIFICATIONS, properties.notificationsUris());
        RouteLocatorBuilder.Builder all = routes.routes()
                // A live stream stays open for as long as the client listens: no breaker, no time limit, no retry.
                .route("notifications-stream", r -> r.path(STREAM_PATH).uri(notifications));
        service(all, "members", members, MEMBERS_PATHS);
        service(all, "posts", posts, POSTS_PATHS);
        service(all, "notifications", notifications, NOTIFICATIONS_PATHS);
        apiDocs(all, "members", members);
        apiDocs(all, "posts", posts);
        apiDocs(all, "notifications", notifications);
        return all.build();
    }

    /**
     * Where a service's routes go: Spring Cloud LoadBalancer's {@code lb://} over the configured instances when there
     * are several, the one instance itself when there is one (Kubernetes' Service address, or {@code ./kyoso up}'s
     * single instance). Choosing among one instance cost the gateway about 2 % of its CPU per request (a load
     * balancer lookup, its instance list and lifecycle callbacks, README "Gateway cost"), for the same answer.
     */
    static String target(String serviceId, List<URI> instances) {
        return instances.size() == 1 ? instances.get(0).toString() : "lb://" + serviceId;
    }

    /**
     * The service's writes (breaker {@code <service>-writes}), then the rest of its paths ({@code <service>}). Each
     * route names its service in its metadata ({@link #SERVICE_METADATA}), for the answers to its failures.
     */
    private static void service(RouteLocatorBuilder.Builder all, String service, String target, String[] paths) {
        // the method first: a read leaves the writes' route before its path is matched against every pattern
        all.route(service + "-writes", r -> r.method(WRITES).and().path(paths)
                        .filters(f -> f.circuitBreaker(breaker -> breaker.setName(service + "-writes")))
                        .metadata(SERVICE_METADATA, service)
                        .uri(target))
                .route(service, r -> r.path(paths)
                        .filters(f -> resilient(f, service, service))
                        .metadata(SERVICE_METADATA, service)
                        .uri(target));
    }

    private static void apiDocs(RouteLocatorBuilder.Builder all, String service, String target) {
        all.route(service + "-api-docs", r -> r.path("/v3/api-docs/" + service)
                .filters(f -> f.setPath("/v3/api-docs"))
                .uri(target));
    }

    /**
     * A read's breaker answers through the fallback, and a read is tried again. Both make Spring Cloud Gateway keep a
     * copy of every request's body, so writes have neither: a write is never tried again anyway, and on a
     * just-started machine Reactor Netty sent such a copy again after a connection closed before the send, onto a
     * buffer already released (IllegalReferenceCountException), and replies nobody had stored were answered 503.
     * A write's failures are answered by {@code ProblemErrorHandler} instead, with the same 503 problem.
     */
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
