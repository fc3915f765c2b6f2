package jp.kyoso.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.client.RestClient;

class ServiceStartsTest extends NotificationsTestBase {
    @Autowired
    @Qualifier("streamSignalListener")
    HealthIndicator streamSignals;

    @Test
    void readinessCoversMongoAndKafkaAndTheApiRefusesAnonymousCallersWithAProblem() {
        RestClient http = http();
        var readiness = http.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class);
        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"");

        var anonymous = http.get().uri("/api/notifications").header("X-Request-Id", "req-42").retrieve()
                .toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(anonymous.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-42");
    }

    @Test
    void onlyRs256TokensOfKyososIssuerAndAudienceAreAccepted() {
        RestClient http = http();
        String valid = TestTokens.accessToken("m-bound", "u_bound", "与那嶺 翔");
        var accepted = http.get().uri("/api/notifications").header("Authorization", "Bearer " + valid).retrieve()
                .toEntity(String.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(200);

        // signed with the key the JWKS publishes, and still not Kyoso's
        TestTokens.refusedTokens("m-bound", "u_bound", "与那嶺 翔").forEach((what, token) -> {
            var response = http.get().uri("/api/notifications").header("Authorization", "Bearer " + token)
                    .retrieve().toEntity(String.class);
            assertThat(response.getStatusCode().value()).as(what).isEqualTo(401);
            assertThat(response.getHeaders().getContentType().toString()).as(what)
                    .startsWith("application/problem+json");
        });
    }

    @Test
    void theLiveStreamListenerReportsItsHealth() {
        Health health = streamSignals.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("running", true).containsKey("lastPoll");
        var overall = http().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(overall.getStatusCode().value()).isEqualTo(200);
    }
}
