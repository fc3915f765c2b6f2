package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiDocsTest extends PostsServiceTest {
    @Test
    void theSpecNamesTheApiTheGatewayAndTheBearerSchemeAndEveryOperationHasAnIdAndASummary() {
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode spec = docs.json();
        assertThat(spec.get("info").get("title").asString()).isEqualTo("Kyoso posts API");
        assertThat(spec.get("info").get("version").asString()).isEqualTo("1");
        assertThat(spec.get("info").get("description").asString()).contains("投稿").contains("posts");
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
                .contains("listChannels", "createPost", "getPost", "editPost", "deletePost", "listPosts",
                        "listPostRevisions", "createReply", "listReplies", "addReaction", "removeReaction",
                        "reportPost", "listReportedPosts", "hidePost", "searchPosts", "listSessions",
                        "rsvpToSession", "cancelSessionRsvp", "listSessionAttendees", "markSessionAttendance",
                        "listUnansweredQuestions", "getAnswerTimes", "suggestAnswerers",
                        "listModerationDecisions", "archiveChannel", "unarchiveChannel", "updateChannel",
                        "chooseAnswer", "removeAnswer", "listHandoverThreads");
        // stale knowledge (情報が古い): flags and the moderators' list, the banner in posts and search hits
        assertThat(ids).contains("flagPostOutdated", "confirmPostOutdated", "clearPostOutdated", "listOutdatedFlags");
        JsonNode postView = spec.get("components").get("schemas").get("PostView").get("properties");
        assertThat(postView.get("citations").toString()).contains("#/components/schemas/Citation");
        assertThat(postView.get("outdated").toString()).contains("#/components/schemas/OutdatedView");
        assertThat(postView.get("mayBeOutdated").get("type").asString()).isEqualTo("boolean");
        assertThat(spec.get("components").get("schemas").get("Citation").get("properties").get("issuedOn")
                .get("format").asString()).isEqualTo("date");
        assertThat(spec.get("components").get("schemas").get("SearchHit").get("properties").has("outdated")).isTrue();
        // "asked before?" while writing, and the organization when a post or reply was written
        assertThat(ids).contains("findSimilarPosts", "findSimilarPostsForLongText");
        assertThat(spec.get("paths").get("/api/posts/similar").get("get").get("parameters").toString())
                .contains("\"title\"").contains("\"body\"").contains("\"limit\"").contains("\"excludePostId\"");
        assertThat(spec.get("components").get("schemas").get("SimilarPost").get("properties").properties())
                .extracting(java.util.Map.Entry::getKey).contains("postId", "title", "kind", "channel", "solved",
                        "excerpt", "createdAt", "replyCount");
        assertThat(spec.get("components").get("schemas").get("PostView").get("properties")
                .has("authorOrganizationAtPosting")).isTrue();
        assertThat(spec.get("components").get("schemas").get("ReplyView").get("properties")
                .has("authorOrganizationAtPosting")).isTrue();
        // 「同じような町」: the towns' codes filter lists and search; posts and answers say which town they came from
        for (String path : List.of("/api/posts", "/api/search")) {
            assertThat(spec.get("paths").get(path).get("get").get("parameters").toString()).as(path)
                    .contains("\"organizationCodes\"").contains("全国地方公共団体コード");
        }
        assertThat(spec.get("components").get("schemas").get("PostView").get("properties")
                .has("organizationCodeAtPosting")).isTrue();
        assertThat(spec.get("components").get("schemas").get("AnswerView").get("properties")
                .has("organizationCodeAtPosting")).isTrue();
        // a retried create is stored once: the optional Idempotency-Key header of posts and replies
        for (String path : List.of("/api/posts", "/api/posts/{postId}/replies")) {
            JsonNode key = null;
            for (JsonNode parameter : spec.get("paths").get(path).get("post").get("parameters")) {
                if (parameter.get("name").asString().equals("Idempotency-Key")) {
                    key = parameter;
                }
            }
            assertThat(key).as(path).isNotNull();
            assertThat(key.get("in").asString()).isEqualTo("header");
            assertThat(key.path("required").asBoolean(false)).isFalse();
        }
        JsonNode channels = spec.get("paths").get("/api/channels").get("get");
        assertThat(channels.get("parameters").toString()).contains("\"limit\"").contains("\"cursor\"");
        assertThat(channels.get("responses").get("200").toString()).contains("#/components/schemas/PageChannelView");
        spec.get("components").get("schemas").properties().forEach(entry -> assertThat(
                "object".equals(entry.getValue().path("type").asString()) && !entry.getValue().has("properties"))
                .as("untyped schema " + entry.getKey()).isFalse());
    }
}
