package jp.kyoso.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kyoso.gateway.routing.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class FallbackControllerTest {
    private final FallbackController controller = new FallbackController(
            new GatewayProperties(null, null, null, null, null, null, null, null));

    @Test
    void answers503ForAKnownServiceAnd404ForAnythingElse() {
        MockServerWebExchange known = MockServerWebExchange.from(MockServerHttpRequest.get("/fallback/posts"));
        controller.unavailable("posts", known).block();
        assertThat(known.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(known.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("10");

        MockServerWebExchange unknown = MockServerWebExchange.from(MockServerHttpRequest.get("/fallback/x"));
        controller.unavailable("<script>", unknown).block();
        assertThat(unknown.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getResponse().getBodyAsString().block()).doesNotContain("<script>");
    }
}
