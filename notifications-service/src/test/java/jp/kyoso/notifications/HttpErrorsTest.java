package jp.kyoso.notifications;

import static jp.kyoso.testhttp.Problems.assertProblem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.testsupport.TestTokens;
import jp.kyoso.testhttp.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * Errors from every layer of the service (Tomcat, security, Spring MVC, filters) are problem+json of one shape: type,
 * title "日本語 / English", status, detail, instance. The full set is in platform-support's ProblemHandlingTest; here
 * the service's own paths, through a real HTTP client (a plain socket for the request java.net.http refuses to send).
 */
class HttpErrorsTest extends NotificationsTestBase {
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
        assertProblem(RawHttp.send(port, "GET", "/api/notifications/%zz", Map.of()), 400, null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
