package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Hiding and showing with a reason, and the history of decisions (issue 10, second slice). */
class ModerationDecisionsApiTest extends PostsServiceTest {

    @Test
    void aReasonForHidingIsStoredShownInTheReportsAndCarriedInPostHidden() {
        TestMember author = member("理由 投稿者");
        TestMember manager = moderator("理由 担当");
        String postId = api(author).publish("general", "DISCUSSION", "個人情報を含む投稿", "電話番号は 090-...");

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response hidden = api(manager).post("/api/posts/" + postId + "/hide",
                    Map.of("reason", " 個人の電話番号が書かれているため "));
            assertThat(hidden.status()).as(hidden.body()).isEqualTo(204);

            JsonNode listed = hiddenItem(manager, postId);
            assertThat(listed.get("hiddenReason").asString()).isEqualTo("個人の電話番号が書かれているため");

            JsonNode event = Api.JSON.readTree(probe.awaitRecords(r -> PostsEvents.POST_HIDDEN.equals(r.type())
                    && postId.equals(r.key()), Duration.ofSeconds(20)).get(0).value());
            assertThat(event.get("hidden").asBoolean()).isTrue();
            assertThat(event.get("reason").asString()).isEqualTo("MODERATOR");
            assertThat(event.get("note").asString()).isEqualTo("個人の電話番号が書かれているため");
            assertThat(event.get("by").asString()).isEqualTo(manager.id());
            assertThat(event.get("postAuthorId").asString()).isEqualTo(author.id());
            assertThat(event.get("postTitle").asString()).isEqualTo("個人情報を含む投稿");

            // shown again with a reason: the event says so; the hiding reason is gone with the hiding
            assertThat(api(manager).post("/api/posts/" + postId + "/unhide",
                    Map.of("reason", "投稿者が修正を約束したため")).status()).isEqualTo(204);
            JsonNode shown = Api.JSON.readTree(probe.awaitRecords(r -> PostsEvents.POST_HIDDEN.equals(r.type())
                    && postId.equals(r.key()) && r.value().contains("\"hidden\":false"), Duration.ofSeconds(20))
                    .get(0).value());
            assertThat(shown.get("note").asString()).isEqualTo("投稿者が修正を約束したため");
            assertThat(api(author).get("/api/posts/" + postId).status()).isEqualTo(200);
        }

        // without a body, or with an empty one, as before
        assertThat(api(manager).send("POST", "/api/posts/" + postId + "/hide", null).status()).isEqualTo(204);
        JsonNode withoutReason = hiddenItem(manager, postId);
        assertThat(withoutReason.get("hiddenReason").asString()).isEqualTo("MODERATOR");
        Api.Response tooLong = api(manager).post("/api/posts/" + postId + "/unhide", Map.of("reason", "あ".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("reason");
    }

    @Test
    void theHistoryListsHidingShowingAndAutomaticHidingNewestFirstForModeratorsOnly() {
        TestMember author = member("履歴 投稿者");
        TestMember manager = moderator("履歴 担当");
        TestMember admin = admin("履歴 管理者");
        String byHand = api(author).publish("general", "DISCUSSION", "手で隠す投稿", "本文");
        String byReports = api(author).publish("general", "DISCUSSION", "通報で隠れる投稿", "本文");

        assertThat(api(manager).post("/api/posts/" + byHand + "/hide", Map.of("reason", "宣伝のため")).status())
                .isEqualTo(204);
        // a second click without a reason changes nothing and is not a decision
        assertThat(api(manager).post("/api/posts/" + byHand + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(admin).post("/api/posts/" + byHand + "/unhide", Map.of("reason", "誤りでした")).status())
                .isEqualTo(204);
        for (int i = 0; i < 3; i++) {
            assertThat(api(member("通報 " + i)).post("/api/posts/" + byReports + "/reports",
                    Map.of("reason", "スパム")).status()).isEqualTo(202);
        }

        assertThat(api(author).get("/api/moderation/decisions").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/moderation/decisions").status()).isEqualTo(401);
        assertThat(api(manager).get("/api/moderation/decisions?limit=101").status()).isEqualTo(400);

        List<JsonNode> all = allDecisions(manager);
        List<JsonNode> mine = all.stream().filter(d -> byHand.equals(d.get("postId").asString())
                || byReports.equals(d.get("postId").asString())).toList();
        assertThat(mine).extracting(d -> d.get("action").asString()).containsExactly("AUTO_HIDE", "UNHIDE", "HIDE");
        JsonNode auto = mine.get(0);
        assertThat(auto.get("postId").asString()).isEqualTo(byReports);
        assertThat(auto.get("title").asString()).isEqualTo("通報で隠れる投稿");
        assertThat(auto.get("channel").asString()).isEqualTo("general");
        assertThat(auto.get("by").isNull()).isTrue();
        assertThat(auto.get("note").isNull()).isTrue();
        JsonNode unhide = mine.get(1);
        assertThat(unhide.get("by").asString()).isEqualTo(admin.id());
        assertThat(unhide.get("note").asString()).isEqualTo("誤りでした");
        JsonNode hide = mine.get(2);
        assertThat(hide.get("by").asString()).isEqualTo(manager.id());
        assertThat(hide.get("note").asString()).isEqualTo("宣伝のため");
        assertThat(hide.get("title").asString()).isEqualTo("手で隠す投稿");
        assertThat(hide.get("at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(all.stream().map(d -> Instant.parse(d.get("at").asString())).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all.stream().map(d -> d.get("postId").asString() + d.get("at").asString()
                + d.get("action").asString()).toList()).doesNotHaveDuplicates();
    }

    private List<JsonNode> allDecisions(TestMember manager) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api(manager).get("/api/moderation/decisions?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.items());
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null && ++pages < 1000);
        return all;
    }

    private JsonNode hiddenItem(TestMember manager, String postId) {
        for (JsonNode item : api(manager).get("/api/moderation/reports?state=HIDDEN&limit=100").items()) {
            if (postId.equals(item.get("postId").asString())) {
                return item;
            }
        }
        throw new AssertionError("post " + postId + " is not among the hidden posts");
    }
}
