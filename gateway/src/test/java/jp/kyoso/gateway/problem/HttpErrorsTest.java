package jp.kyoso.gateway.problem;

import static jp.kyoso.testhttp.Problems.assertProblem;
import static jp.kyoso.testhttp.Problems.assertProblemWithoutInstance;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import jp.kyoso.testhttp.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every error the gateway answers, from every layer (reactor-netty's decoder, Spring's HTTP adapter, the filters,
 * the handlers), is problem+json of one shape: type, title "日本語 / English", status, detail, instance.
 * Sent by real clients: java.net.http where it can send the request, a plain socket where it refuses to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpErrorsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void noServices(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
        registry.add("kyoso.rate-limit.anonymous-per-second", () -> "1000");
    }

    @Test
    void aPathWithABrokenPercentEscapeIs400() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/posts/%zz", Map.of());
        assertProblem(answer, 400, "/api/posts/%zz");
    }

    @Test
    void aRequestLineOf20KbIs414() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/search?q=" + "a".repeat(20_000), Map.of());
        // the request line was too long to be read: there is no path to name as the instance
        assertProblemWithoutInstance(answer, 414);
    }

    @Test
    void aHeaderOf40KbIs431() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/actuator/health", Map.of("X-Big", "b".repeat(40_000)));
        assertProblem(answer, 431, "/actuator/health");
    }

    @Test
    void aHeadRequestStaysWithoutBody() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "HEAD", "/api/posts/%zz", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nothing-here"))
                .header("Accept", "application/json").GET());
        assertProblem(response, 404, "/nothing-here");
    }

    @Test
    void aMethodThePathDoesNotSupportIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")).DELETE());
        assertProblem(response, 405, "/actuator/health");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void aFormatTheGatewayCannotAnswerIs406() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("Accept", "text/csv").GET());
        assertProblem(response, 406, "/actuator/health");
    }

    @Test
    void aBodyOver64KiBIs413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + "x".repeat(70 * 1024) + "\"}")));
        assertProblem(response, 413, "/api/auth/login");
    }

    @Test
    void theApiWithoutATokenIs401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/posts?channel=general")).GET());
        assertProblem(response, 401, "/api/posts");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
