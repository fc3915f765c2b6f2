package jp.kyoso.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class ApiDocsTest extends NotificationsTestBase {
    @Test
    void theSpecNamesTheApiTheGatewayAndTheBearerSchemeAndEveryOperationHasAnIdAndASummary() {
        ResponseEntity<String> docs = http().get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        JsonNode spec = json(docs);
        assertThat(spec.get("info").get("title").asString()).isEqualTo("Kyoso notifications API");
        assertThat(spec.get("info").get("version").asString()).isEqualTo("1");
        assertThat(spec.get("info").get("description").asString()).contains("通知").contains("Inbox");
        assertThat(spec.get("servers")).hasSize(1);
        assertThat(spec.get("servers").get(0).get("url").asString()).isEqualTo("/");
        JsonNode bearer = spec.get("components").get("securitySchemes").get("bearerAuth");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(spec.get("security").get(0).has("bearerAuth")).isTrue();

        List<String> ids = new ArrayList<>();
        spec.get("paths").forEach(item -> item.forEach(operation -> {
            assertThat(operation.get("summary")).as(operation.toString()).isNotNull();
            ids.add(operation.get("operationId").asString());
        }));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+$"))
                .contains("listNotifications", "getUnreadCount", "markNotificationRead", "markAllNotificationsRead",
                        "streamNotifications", "getPreferences", "putPreferences", "sendSlackTestMessage",
                        "setChannelSubscription",
                        "setPostSubscription", "putChannelMirror", "deleteChannelMirror", "listDeliveries",
                        "getAnnouncementProgress", "listHandoverWatches", "takeOverHandoverWatches");
        assertThat(spec.get("paths").get("/api/notifications/unread-count").get("get").get("responses").get("200")
                .toString()).contains("#/components/schemas/UnreadCount");
        JsonNode item = spec.get("components").get("schemas").get("NotificationItem");
        assertThat(item.get("properties").get("createdAt").get("format").asString()).isEqualTo("date-time");
        assertThat(item.get("properties").get("actor").toString()).contains("#/components/schemas/Actor");
        // stale knowledge (情報が古い): the notice type
        assertThat(item.get("properties").get("type").get("enum").toString()).contains("\"POST_FLAGGED_OUTDATED\"");
        spec.get("components").get("schemas").properties().forEach(entry -> assertThat(
                "object".equals(entry.getValue().path("type").asString()) && !entry.getValue().has("properties"))
                .as("untyped schema " + entry.getKey()).isFalse());
    }
}
