package jp.kyoso.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
class ServiceStartsTest {
    @LocalServerPort
    int port;

    @Test
    void readinessCoversMongoAndKafkaAndTheApiRefusesAnonymousCallersWithAProblem() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        var readiness = http.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class);
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"");

        var anonymous = http.get().uri("/api/anything").header("X-Request-Id", "req-42").retrieve().toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(anonymous.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-42");
    }
}
