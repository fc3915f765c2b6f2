package jp.kyoso.gateway.routing;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Set;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * How long a service may go without sending anything of its answer before the gateway gives up on it:
 * {@code kyoso.gateway.timeout} for a read, {@code kyoso.gateway.write-timeout} for a write (a write the gateway gives
 * up on is usually stored all the same, so it gets longer, see {@link Routes}); none for the live stream, which stays
 * open and quiet between notices. The call then fails, the route's breaker counts it, and the client gets the
 * fallback's 503.
 *
 * <p>This is Reactor Netty's response timeout, set on each request as it leaves: a timer on the connection's own event
 * loop. A time limiter around the breaker, and the gateway's own response timeout per route, are each a Reactor
 * {@code timeout} that schedules and cancels a task on the parallel scheduler per request; the two were about 5 % of
 * the gateway's CPU in a profile (README "Gateway vs nginx"). Spring Cloud CircuitBreaker's time limiter is off
 * ({@code disable-time-limiter}) and no route has a response timeout of its own.
 */
@Component
class ServiceTimeLimits implements HttpClientCustomizer {
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private final Duration read;
    private final Duration write;

    ServiceTimeLimits(GatewayProperties properties) {
        this.read = properties.timeout();
        this.write = properties.writeTimeout();
    }

    @Override
    public HttpClient customize(HttpClient client) {
        return client.doOnRequest((request, connection) -> {
            Duration limit = limitFor(request.method(), request.fullPath());
            if (limit != null) {
                request.responseTimeout(limit);
            }
        });
    }

    /** The limit for a request to a service, or null for none. */
    Duration limitFor(HttpMethod method, String path) {
        if (Routes.STREAM_PATH.equals(path)) {
            return null;
        }
        return WRITES.contains(method) ? write : read;
    }
}
