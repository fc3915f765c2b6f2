package jp.kyoso.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services run. Each list holds every instance of a service (for example
 * {@code KYOSO_POSTS_URIS=http://posts-1:8082,http://posts-2:8082}); Spring Cloud LoadBalancer spreads the requests
 * over the healthy ones. No discovery server is needed.
 *
 * @param timeout         how long a service may take to answer a read (GET, HEAD, OPTIONS) before the gateway gives up
 *                        (time limiter)
 * @param writeTimeout    the same for a write (POST, PUT, PATCH, DELETE); see {@link Routes}
 * @param retryAfter      what a 503 tells the client to wait
 * @param maxBodySize     larger request bodies get 413
 * @param corsAllowedOrigins web origins allowed to call the API from a browser
 */
@ConfigurationProperties("kyoso.gateway")
public record GatewayProperties(List<URI> membersUris, List<URI> postsUris, List<URI> notificationsUris,
                                Duration timeout, Duration writeTimeout, Duration retryAfter, Long maxBodySize,
                                List<String> corsAllowedOrigins) {
    public GatewayProperties {
        membersUris = membersUris == null ? List.of(URI.create("http://localhost:8081")) : List.copyOf(membersUris);
        postsUris = postsUris == null ? List.of(URI.create("http://localhost:8082")) : List.copyOf(postsUris);
        notificationsUris = notificationsUris == null ? List.of(URI.create("http://localhost:8083"))
                : List.copyOf(notificationsUris);
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        writeTimeout = writeTimeout == null ? Duration.ofSeconds(10) : writeTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(10) : retryAfter;
        maxBodySize = maxBodySize == null ? 64 * 1024L : maxBodySize;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
