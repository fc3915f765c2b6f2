package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.kyoso.local.LocalPlatform;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

    /**
     * The web client's API types are generated from web/openapi/*.json; a service whose spec changed without the
     * snapshot following would leave the client typed against an API that no longer exists.
     */
    @Test
    void theWebClientIsTypedAgainstTheSpecsTheServicesServe() throws IOException {
        Path snapshots = LocalPlatform.Builder.findRepositoryRoot(Path.of("").toAbsolutePath()).resolve("web/openapi");
        for (String service : new String[] {"members", "posts", "notifications"}) {
            JsonNode live = Http.get(Member.gateway() + "/v3/api-docs/" + service, null).json();
            JsonNode snapshot = Http.JSON.readTree(Files.readString(snapshots.resolve(service + ".json")));
            assertThat(live)
                    .as("web/openapi/%s.json is not what %s-service serves: start the platform (./kyoso up) and run "
                            + "`npm run api:snapshot` in web/, then fix what the web build's type check reports",
                            service, service)
                    .isEqualTo(snapshot);
        }
    }
}
