package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One Swagger UI at the gateway, showing the API that each service publishes itself. */
@ExtendWith(RunningPlatform.class)
class ApiDocsIT {

    @Test
    void theGatewayServesEachServicesSpecAndTheSwaggerUi() {
        for (String service : new String[] {"members", "posts", "notifications"}) {
            Http.Response spec = Http.get(Member.gateway() + "/v3/api-docs/" + service, null);
            assertThat(spec.status()).as(service).isEqualTo(200);
            assertThat(spec.json().path("openapi").asString()).as(service).startsWith("3.");
            assertThat(spec.json().path("paths").size()).as(service).isPositive();
        }
        Http.Response ui = Http.get(Member.gateway() + "/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
    }
}
