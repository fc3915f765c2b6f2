package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModerationApiTest extends PostsServiceTest {

    @Test
    void threeDifferentReportersHideAPostUntilAModeratorReviewsIt() {
        TestMember author = member("問題 投稿者");
        TestMember manager = moderator("運営 担当");
        String postId = api(author).publish("general", "DISCUSSION", "宣伝です", "この商品を買ってください。");
        TestMember r1 = member("通報 1");
        TestMember r2 = member("通報 2");
        TestMember r3 = member("通報 3");

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            assertThat(report(r1, postId, "宣伝です").status()).isEqualTo(202);
            // the same member again: accepted, not counted twice
            assertThat(report(r1, postId, "宣伝です（再）").status()).isEqualTo(202);
            assertThat(report(r2, postId, "スパム").status()).isEqualTo(202);
            assertThat(api(member("見る人")).get("/api/posts/" + postId).status()).isEqualTo(200);

            JsonNode open = reported(manager, postId);
            assertThat(open.get("reportCount").asInt()).isEqualTo(2);
            assertThat(open.get("hidden").asBoolean()).isFalse();
            assertThat(open.get("reports")).hasSize(2);
            assertThat(open.get("reports").get(0).get("reason").asString()).isEqualTo("宣伝です");

            assertThat(report(r3, postId, "不適切").status()).isEqualTo(202);

            Api.Response forMembers = api(member("見る人")).get("/api/posts/" + postId);
            assertThat(forMembers.status()).isEqualTo(404);
            assertThat(api(author).get("/api/posts/" + postId).status()).isEqualTo(404);
            Api.Response forModerators = api(manager).get("/api/posts/" + postId);
            assertThat(forModerators.status()).isEqualTo(200);
            assertThat(forModerators.json().get("hidden").asBoolean()).isTrue();
            assertThat(reported(manager, postId).get("hiddenReason").asString()).isEqualTo("REPORTS");
            assertThat(api(member("見る人")).post("/api/posts/" + postId + "/replies", Map.of("body", "x")).status())
                    .isEqualTo(404);

            List<TopicProbe.Received> filed = probe.awaitRecords(r -> PostsEvents.REPORT_FILED.equals(r.type())
                    && postId.equals(r.key()) && r.value().contains("\"reportCount\":3"), Duration.ofSeconds(20));
            assertThat(filed).hasSize(1);
            List<TopicProbe.Received> hidden = probe.awaitRecords(r -> PostsEvents.POST_HIDDEN.equals(r.type())
                    && postId.equals(r.key()), Duration.ofSeconds(20));
            JsonNode hiddenData = Api.JSON.readTree(hidden.get(0).value());
            assertThat(hiddenData.get("hidden").asBoolean()).isTrue();
            assertThat(hiddenData.get("reason").asString()).isEqualTo("REPORTS");
            List<TopicProbe.Received> all = probe.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> postId.equals(r.key()) && PostsEvents.REPORT_FILED.equals(r.type())).toList();
            assertThat(all).hasSize(3);
            JsonNode firstReport = Api.JSON.readTree(all.get(0).value());
            assertThat(firstReport.get("reporterId").asString()).isEqualTo(r1.id());
            assertThat(firstReport.get("reason").asString()).isEqualTo("宣伝です");
            assertThat(firstReport.get("postTitle").asString()).isEqualTo("宣伝です");
            assertThat(firstReport.get("channelSlug").asString()).isEqualTo("general");
            assertThat(firstReport.get("reportCount").asInt()).isEqualTo(1);

            // the moderator reviews it and shows it again: the reports are reviewed, the post is back
            assertThat(api(manager).post("/api/posts/" + postId + "/unhide", Map.of()).status()).isEqualTo(204);
            assertThat(api(member("見る人")).get("/api/posts/" + postId).status()).isEqualTo(200);
            assertThat(openReports(manager)).doesNotContain(postId);
            assertThat(allReports(manager)).contains(postId);
            probe.awaitRecords(r -> PostsEvents.POST_HIDDEN.equals(r.type()) && postId.equals(r.key())
                    && r.value().contains("\"hidden\":false"), Duration.ofSeconds(20));

            // one more report after the review does not hide it again
            assertThat(report(member("通報 4"), postId, "やはり宣伝").status()).isEqualTo(202);
            assertThat(api(member("見る人")).get("/api/posts/" + postId).status()).isEqualTo(200);
            assertThat(openReports(manager)).contains(postId);
        }
    }

    @Test
    void moderatorsHideAndUnhideAndOnlyModeratorsSeeTheReports() {
        TestMember author = member("投稿 者");
        TestMember manager = moderator("運営 担当");
        String postId = api(author).publish("general", "DISCUSSION", "隠される投稿", "本文");

        assertThat(api(author).post("/api/posts/" + postId + "/hide", Map.of()).status()).isEqualTo(403);
        assertThat(api(author).post("/api/posts/" + postId + "/unhide", Map.of()).status()).isEqualTo(403);
        assertThat(api(author).get("/api/moderation/reports").status()).isEqualTo(403);
        assertThat(api(manager).get("/api/moderation/reports").status()).isEqualTo(200);
        assertThat(api(manager).get("/api/moderation/reports?state=SOME").status()).isEqualTo(400);

        assertThat(api(manager).post("/api/posts/" + postId + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(manager).post("/api/posts/" + postId + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(author).get("/api/posts/" + postId).status()).isEqualTo(404);
        assertThat(api(manager).get("/api/moderation/reports?state=HIDDEN&limit=100").items().stream()
                .map(item -> item.get("postId").asString())).contains(postId);
        assertThat(report(member("誰か"), postId, "x").status()).isEqualTo(404);
        assertThat(api(manager).post("/api/posts/" + postId + "/unhide", Map.of()).status()).isEqualTo(204);
        assertThat(api(author).get("/api/posts/" + postId).status()).isEqualTo(200);
        assertThat(api(manager).post("/api/posts/no-such/hide", Map.of()).status()).isEqualTo(404);
        assertThat(api(author).post("/api/posts/" + postId + "/reports", Map.of("reason", " ")).status())
                .isEqualTo(400);
    }

    @Test
    void hiddenPostsArePagedByWhenTheyWereHiddenReportedOrNot() {
        TestMember author = member("隠される 作者");
        TestMember manager = moderator("運営 担当");
        List<String> hidden = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String postId = api(author).publish("general", "DISCUSSION", "隠す投稿 " + i, "本文");
            // never reported: no report time, only the time of hiding
            assertThat(api(manager).post("/api/posts/" + postId + "/hide", Map.of()).status()).isEqualTo(204);
            hidden.add(postId);
        }

        List<String> seen = new java.util.ArrayList<>();
        List<java.time.Instant> times = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api(manager).get("/api/moderation/reports?state=HIDDEN&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode item : page.items()) {
                seen.add(item.get("postId").asString());
                assertThat(item.get("hidden").asBoolean()).isTrue();
                times.add(java.time.Instant.parse(item.get("hiddenAt").asString()));
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null && ++pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().containsAll(hidden);
        // the most recently hidden first (other tests' hidden posts may sit in between)
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void anAuthorCannotReportTheirOwnPost() {
        TestMember author = member("自分 通報");
        String postId = api(author).publish("general", "DISCUSSION", "自分の投稿", "本文");
        Api.Response own = report(author, postId, "自作自演");
        assertThat(own.status()).as(own.body()).isEqualTo(422);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(allReports(moderator("運営"))).doesNotContain(postId);
    }

    private Api.Response report(TestMember reporter, String postId, String reason) {
        return api(reporter).post("/api/posts/" + postId + "/reports", Map.of("reason", reason));
    }

    private JsonNode reported(TestMember manager, String postId) {
        for (JsonNode item : api(manager).get("/api/moderation/reports?state=ALL&limit=100").items()) {
            if (postId.equals(item.get("postId").asString())) {
                return item;
            }
        }
        throw new AssertionError("post " + postId + " is not in the moderation list");
    }

    private List<String> openReports(TestMember manager) {
        return api(manager).get("/api/moderation/reports?limit=100").items().stream()
                .map(item -> item.get("postId").asString()).toList();
    }

    private List<String> allReports(TestMember manager) {
        return api(manager).get("/api/moderation/reports?state=ALL&limit=100").items().stream()
                .map(item -> item.get("postId").asString()).toList();
    }
}
