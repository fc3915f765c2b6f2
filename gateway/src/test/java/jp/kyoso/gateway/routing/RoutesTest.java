package jp.kyoso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void oneInstanceIsAddressedItselfSeveralGoThroughTheLoadBalancer() {
        assertThat(Routes.target("posts-service", List.of(URI.create("http://posts:8082"))))
                .isEqualTo("http://posts:8082");
        assertThat(Routes.target("posts-service", List.of(URI.create("http://posts-1:8082"),
                URI.create("http://posts-2:8082")))).isEqualTo("lb://posts-service");
    }
}
