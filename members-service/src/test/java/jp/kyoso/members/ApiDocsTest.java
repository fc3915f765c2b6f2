package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiDocsTest extends MembersServiceTest {
    @Test
    void theSpecNamesTheApiTheGatewayAndTheBearerSchemeAndEveryOperationHasAnIdAndASummary() {
        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode spec = docs.json();
        assertThat(spec.get("info").get("title").asString()).isEqualTo("Kyoso members API");
        assertThat(spec.get("info").get("version").asString()).isEqualTo("1");
        assertThat(spec.get("info").get("description").asString()).contains("メンバー").contains("Membership");
        assertThat(spec.get("servers")).hasSize(1);
        assertThat(spec.get("servers").get(0).get("url").asString()).isEqualTo("/");
        JsonNode bearer = spec.get("components").get("securitySchemes").get("bearerAuth");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(spec.get("security").get(0).has("bearerAuth")).isTrue();

        JsonNode login = spec.get("paths").get("/api/auth/login").get("post");
        assertThat(login.get("operationId").asString()).isEqualTo("login");
        assertThat(login.get("security")).isEmpty();
        assertThat(login.get("parameters").toString()).contains("X-Kyoso-Client");
        assertThat(spec.get("paths").get("/api/members/me").get("get").has("security")).isFalse();
        // logging out everywhere needs the access token: not one of the public operations
        assertThat(spec.get("paths").get("/api/auth/logout-all").get("post").has("security")).isFalse();

        List<String> ids = new ArrayList<>();
        spec.get("paths").forEach(item -> item.forEach(operation -> {
            assertThat(operation.get("summary")).as(operation.toString()).isNotNull();
            ids.add(operation.get("operationId").asString());
        }));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+$"))
                .contains("register", "verifyEmail", "refreshSession", "logout", "logoutAllSessions", "getOwnProfile", "updateOwnProfile",
                        "deactivateOwnAccount", "getMember", "listMembers", "createInvitation", "setMemberRoles",
                        "recordOwnMove", "nameSuccessor", "listOwnHandovers", "getOwnHandover", "listPastHolders");
        // the responses the web client reads are typed, not free-form objects
        assertThat(schemaOf(spec, "/api/auth/login", "post", "200")).isEqualTo("#/components/schemas/TokenPair");
        assertThat(schemaOf(spec, "/api/members/me/moves", "post", "201")).isEqualTo("#/components/schemas/OwnProfile");
        assertThat(schemaOf(spec, "/api/members/me/handovers", "post", "201"))
                .isEqualTo("#/components/schemas/HandoverView");
        JsonNode position = spec.get("components").get("schemas").get("PositionView").get("properties");
        assertThat(position.get("from").get("format").asString()).isEqualTo("date");
        Set<String> untyped = new HashSet<>();
        spec.get("components").get("schemas").properties().forEach(entry -> {
            JsonNode schema = entry.getValue();
            if ("object".equals(schema.path("type").asString()) && !schema.has("properties")) {
                untyped.add(entry.getKey());
            }
        });
        assertThat(untyped).isEmpty();
    }

    static String schemaOf(JsonNode spec, String path, String method, String status) {
        return spec.get("paths").get(path).get(method).get("responses").get(status).get("content").values().iterator().next()
                .get("schema").get("$ref").asString();
    }
}
