package jp.kyoso.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.routing.GatewayProperties;
import jp.kyoso.gateway.routing.Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/** A live stream cut by a service that stopped or crashed is normal operation: one INFO line, not an error. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemErrorHandlerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ProblemErrorHandler handler = new ProblemErrorHandler(
            new GatewayProperties(null, null, null, null, null, null, null, null));

    @Test
    void aStreamCutWhileItWasOpenIsOneInfoLineAndTheClientsStreamSimplyEnds(CapturedOutput output) {
        MockServerWebExchange stream = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/notifications/stream"));
        stream.getResponse().setStatusCode(HttpStatus.OK);
        stream.getResponse().setComplete().block();

        handler.handle(stream, PrematureCloseException.TEST_EXCEPTION).block();

        assertThat(stream.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(output.getOut()).contains("INFO")
                .contains("GET /api/notifications/stream: the connection was closed while the answer was under way");
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @Test
    void aServiceThatClosesBeforeAnsweringIsA503Problem(CapturedOutput output) {
        MockServerWebExchange request = MockServerWebExchange.from(MockServerHttpRequest.get("/api/posts"));

        handler.handle(request, PrematureCloseException.TEST_EXCEPTION).block();

        assertThat(request.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(request.getResponse().getHeaders().getFirst("Content-Type")).startsWith("application/problem+json");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aWriteRefusedByItsOpenBreakerIsTheFallbacks503NamingTheService(CapturedOutput output) {
        MockServerWebExchange write = MockServerWebExchange.from(MockServerHttpRequest.post("/api/posts"));
        write.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, Route.async().id("posts-writes")
                .uri("http://localhost:1").predicate(exchange -> true).metadata(Routes.SERVICE_METADATA, "posts")
                .build());

        handler.handle(write, new ServiceUnavailableException()).block();

        assertThat(write.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(write.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("10");
        assertThat(JSON.readTree(write.getResponse().getBodyAsString().block()).path("detail").asString())
                .isEqualTo(Messages.get("routing.service-unavailable", "posts"));
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void anythingUnexpectedIsStillAnErrorWithItsStackTrace(CapturedOutput output) {
        MockServerWebExchange request = MockServerWebExchange.from(MockServerHttpRequest.get("/api/posts"));

        handler.handle(request, new IllegalStateException("a bug")).block();

        assertThat(request.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(output.getAll()).contains("ERROR").contains("a bug");
    }
}
