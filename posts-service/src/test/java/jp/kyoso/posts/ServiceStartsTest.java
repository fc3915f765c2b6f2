package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

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
        // ready once the search index has been filled from MongoDB (it starts when the partitions are assigned)
        var readiness = await().atMost(Duration.ofSeconds(60)).until(
                () -> http.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class),
                response -> response.getStatusCode().value() == 200);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"").contains("\"searchIndex\"")
                .contains("\"mongo\"").contains("\"kafka\"");

        var anonymous = http.get().uri("/api/anything").header("X-Request-Id", "req-42").retrieve().toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(anonymous.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-42");
    }

    @Test
    void onlyRs256TokensOfKyososIssuerAndAudienceAreAccepted() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        String valid = TestTokens.accessToken("m-bound", "u_bound", "与那嶺 翔");
        var accepted = http.get().uri("/api/channels").header("Authorization", "Bearer " + valid).retrieve()
                .toEntity(String.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(200);

        // signed with the key the JWKS publishes, and still not Kyoso's
        TestTokens.refusedTokens("m-bound", "u_bound", "与那嶺 翔").forEach((what, token) -> {
            var response = http.get().uri("/api/channels").header("Authorization", "Bearer " + token).retrieve()
                    .toEntity(String.class);
            assertThat(response.getStatusCode().value()).as(what).isEqualTo(401);
            assertThat(response.getHeaders().getContentType().toString()).as(what)
                    .startsWith("application/problem+json");
        });
    }
}
