package jp.kyoso.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The service instances named in configuration, offered to Spring Cloud LoadBalancer as a discovery client. */
@Component
class ConfiguredInstances implements ReactiveDiscoveryClient {
    static final String MEMBERS = "members-service";
    static final String POSTS = "posts-service";
    static final String NOTIFICATIONS = "notifications-service";

    private final Map<String, List<URI>> instances;

    ConfiguredInstances(GatewayProperties properties) {
        this.instances = Map.of(MEMBERS, properties.membersUris(), POSTS, properties.postsUris(),
                NOTIFICATIONS, properties.notificationsUris());
    }

    @Override
    public String description() {
        return "Kyoso service instances from configuration";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        List<URI> uris = instances.getOrDefault(serviceId, List.of());
        return Flux.range(0, uris.size()).map(i -> {
            URI uri = uris.get(i);
            boolean secure = "https".equals(uri.getScheme());
            int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
            return new DefaultServiceInstance(serviceId + "-" + i, serviceId, uri.getHost(), port, secure);
        });
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }
}
