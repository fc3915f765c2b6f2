package jp.kyoso.platform;

import static jp.kyoso.testhttp.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import jp.kyoso.testhttp.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error a service answers, from every layer (Tomcat, Spring Security, Spring MVC, the handlers), is
 * problem+json of one shape: type, title "日本語 / English", status, detail, instance. Real HTTP: java.net.http where it
 * will send the request, a plain socket for the requests it refuses to send.
 */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
class ProblemHandlingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ECHO = "/api/public/problems/echo";
    private static final String SEARCH = "/api/public/problems/search";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void aBodyThatIsNotJsonIs400() throws Exception {
        assertProblem(send(post(ECHO, "application/json", "{\"broken\":")), 400, ECHO);
    }

    @Test
    void aMissingParameterIs400NamingIt() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SEARCH)).GET());
        assertProblem(response, 400, SEARCH);
        assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("q");
    }

    @Test
    void aPathWithABrokenPercentEscapeIs400() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/public/problems/%zz", Map.of());
        assertProblem(answer, 400, null);
    }

    @Test
    void aPathWithoutHandlerIs404() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/public/problems/nothing")).GET()), 404,
                "/api/public/problems/nothing");
    }

    @Test
    void aMethodThePathDoesNotSupportIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ECHO)).DELETE());
        assertProblem(response, 405, ECHO);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("DELETE");
    }

    @Test
    void aFormatTheServiceCannotAnswerIs406() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri(SEARCH + "?q=x")).header("Accept", "text/csv").GET()), 406,
                SEARCH);
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIs415() throws Exception {
        assertProblem(send(post(ECHO, "text/plain", "hello")), 415, ECHO);
    }

    @Test
    void aRequestLineOf20KbIsRefusedWithAProblem() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", SEARCH + "?q=" + "a".repeat(20_000), Map.of());
        assertThat(answer.status()).isIn(400, 414);
        assertProblem(answer, answer.status(), null);
    }

    @Test
    void aHeaderOf40KbIsRefusedWithAProblem() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET", SEARCH + "?q=x", Map.of("X-Big", "b".repeat(40_000)));
        assertThat(answer.status()).isIn(400, 431);
        assertProblem(answer, answer.status(), null);
    }

    /** Spring builds this one's problem without a type: it still gets Kyoso's, not a failure in the handler. */
    @Test
    void anAnswerThatCannotBeWrittenIs500() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/public/problems/unwritable")).GET()), 500,
                "/api/public/problems/unwritable");
    }

    @Test
    void noTokenIs401() throws Exception {
        assertProblem(send(post("/api/widgets", "application/json", "{}")), 401, "/api/widgets");
    }

    /** The Authorization header is read by HeaderBearerTokenResolver: what Spring Security's resolver refused is 401. */
    @Test
    void aMalformedBearerHeaderIs401AndAWellFormedOneInAnyCasePasses() throws Exception {
        String token = TestTokens.accessToken("m-bearer", "bearer", "Bearer");
        for (String header : new String[] {"Bearer " + token + " x", "Bearer", "Bearer  " + token, "Basic bTpw"}) {
            assertProblem(send(post("/api/widgets", "application/json", "{\"name\":\"w\"}")
                    .header("Authorization", header)), 401, "/api/widgets");
        }
        assertThat(send(post("/api/widgets", "application/json", "{\"name\":\"w\"}")
                .header("Authorization", "bEaReR " + token)).statusCode()).isEqualTo(201);
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
