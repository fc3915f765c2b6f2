package jp.kyoso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceTimeLimitsTest {
    private final ServiceTimeLimits limits = new ServiceTimeLimits(new GatewayProperties(null, null, null,
            Duration.ofSeconds(3), Duration.ofSeconds(10), null, null, null));

    @Test
    void readsGetTheReadLimitWritesTheLongerOneAndTheLiveStreamNone() {
        assertThat(limits.limitFor(HttpMethod.GET, "/api/channels")).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.limitFor(HttpMethod.HEAD, "/api/posts/p1")).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.limitFor(HttpMethod.POST, "/api/posts")).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.limitFor(HttpMethod.DELETE, "/api/posts/p1")).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.limitFor(HttpMethod.GET, Routes.STREAM_PATH)).isNull();
    }
}
