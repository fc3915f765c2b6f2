package jp.kyoso.members;

import static jp.kyoso.testhttp.Problems.assertProblem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jp.kyoso.testhttp.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * Errors from every layer of the service (Tomcat, security, Spring MVC, filters) are problem+json of one shape: type,
 * title "日本語 / English", status, detail, instance. The full set is in platform-support's ProblemHandlingTest; here
 * the service's own paths, through a real HTTP client (a plain socket for the request java.net.http refuses to send).
 */
class HttpErrorsTest extends MembersServiceTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServicesOwnRefusalsAreProblems() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":"))), 400, "/api/auth/login");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/auth/login")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415, "/api/auth/login");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/auth/login")).DELETE()), 405, "/api/auth/login");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/members/me")).GET()), 401, "/api/members/me");
    }

    @Test
    void aPathWithABrokenPercentEscapeIsAProblemNotTomcatsPage() throws Exception {
        assertProblem(RawHttp.send(port, "GET", "/api/members/%zz", Map.of()), 400, null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
