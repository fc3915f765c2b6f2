package jp.kyoso.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors from every layer of the service (Tomcat, security, Spring MVC, filters) are problem+json of one shape: type,
 * title "日本語 / English", status, detail, instance. The full set is in platform-support's ProblemHandlingTest; here
 * the service's own paths, through a real HTTP client (a plain socket for the request java.net.http refuses to send).
 */
class HttpErrorsTest extends NotificationsTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String token = "Bearer " + TestTokens.accessToken("m-problems", "problems", "Problems");

    @Test
    void theServicesOwnRefusalsAreProblems() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/notifications/unread-count"))
                .header("Authorization", token).DELETE()), 405, "/api/notifications/unread-count");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/notifications/nothing-here"))
                .header("Authorization", token).GET()), 404, "/api/notifications/nothing-here");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/notifications")).GET()), 401, "/api/notifications");
    }

    @Test
    void aPathWithABrokenPercentEscapeIsAProblemNotTomcatsPage() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/notifications/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String answer = all.toString(StandardCharsets.UTF_8);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
            assertShape(JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)), 400, null);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertShape(JSON.readTree(response.body()), status, instance);
    }

    private static void assertShape(JsonNode problem, int status, String instance) {
        assertThat(problem.path("type").asString()).isEqualTo("https://kyoso.example/problems/" + status);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).matches(".*[^\\x00-\\x7F].* / [A-Za-z].*");
        assertThat(problem.path("detail").asString()).matches(".*[^\\x00-\\x7F].* / [A-Za-z].*");
        if (instance != null) {
            assertThat(problem.path("instance").asString()).isEqualTo(instance);
        }
    }
}
