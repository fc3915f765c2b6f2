package jp.kyoso.testhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one shape of every error Kyoso answers, from any layer (HTTP server, security, MVC or WebFlux, filters):
 * {@code application/problem+json} with {@code type}, {@code status}, a {@code title} and {@code detail} in Japanese
 * then English ("日本語 / English"), and the path as {@code instance}.
 */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** {@code instance} null: not checked (present or not). */
    public static void assertProblem(HttpResponse<String> response, int status, String instance) {
        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), status, instance);
    }

    /** {@code instance} null: not checked (present or not). */
    public static void assertProblem(RawHttp.Answer answer, int status, String instance) {
        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), status, instance);
    }

    /** For errors answered before the path could be read (a request line too long): no {@code instance} at all. */
    public static void assertProblemWithoutInstance(RawHttp.Answer answer, int status) {
        assertProblem(answer, status, null);
        assertThat(JSON.readTree(answer.body()).has("instance")).as(answer.body()).isFalse();
    }

    public static void assertProblem(int actualStatus, String contentType, String body, int status, String instance) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo("https://kyoso.example/problems/" + status);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).matches(".*[^\\x00-\\x7F].* / [A-Za-z].*");
        assertThat(problem.path("detail").asString()).matches(".*[^\\x00-\\x7F].* / [A-Za-z].*");
        if (instance != null) {
            assertThat(problem.path("instance").asString()).isEqualTo(instance);
        }
    }
}
