package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NeverPostedAndNudgeApiTest extends MembersServiceTest {
    private static final String SEND_NUDGE = "kyoso.notifications.SendNudge.v1";

    @Test
    void listsOnlyVerifiedMembersWithoutPostsOldestFirst() throws Exception {
        String pending = register(unique("p_") + "@city.naha.lg.jp", unique("p_"));
        ActiveMember newer = newMember();
        ActiveMember older = newMember();
        ActiveMember poster = newMember();
        registeredAt(older.id(), Instant.parse("2019-01-01T00:00:00Z"));
        registeredAt(newer.id(), Instant.parse("2019-01-02T00:00:00Z"));
        postPublished(poster.id(), "INTRODUCTION", Instant.now());
        String session = UUID.randomUUID().toString();
        attendanceMarked(session, older.id(), true);
        String moderator = newModerator().accessToken();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> listed = neverPosted(moderator);
            List<String> ids = listed.stream().map(item -> item.get("memberId").asString()).toList();
            assertThat(ids).doesNotContain(pending, poster.id());
            assertThat(ids).containsSubsequence(older.id(), newer.id());
            JsonNode first = listed.get(ids.indexOf(older.id()));
            assertThat(first.get("attendedSession").asBoolean()).isTrue();
        });
        List<JsonNode> listed = neverPosted(moderator);
        JsonNode item = listed.stream().filter(i -> i.get("memberId").asString().equals(newer.id())).findFirst()
                .orElseThrow();
        assertThat(item.get("handle").asString()).isEqualTo(newer.handle());
        assertThat(item.get("displayName").asString()).isEqualTo("テスト " + newer.handle());
        assertThat(item.get("organization").asString()).isEqualTo("那覇市役所");
        assertThat(item.get("registeredAt").asString()).isEqualTo("2019-01-02T00:00:00.000Z");
        assertThat(item.get("attendedSession").asBoolean()).isFalse();
        assertThat(item.get("lastNudgedAt").isNull()).isTrue();
        assertThat(item.has("email")).isFalse();
        // registration order: the list starts with the oldest of all
        List<Instant> times = listed.stream().map(i -> Instant.parse(i.get("registeredAt").asString())).toList();
        assertThat(times).isSorted();
    }

    @Test
    void aMemberIsNudgedOnceIn30DaysAndTheCommandIsPublishedOnce() {
        ActiveMember quiet = newMember();
        ActiveMember moderator = newModerator();
        Map<String, Object> nudge = Map.of("memberIds", List.of(quiet.id()), "title", "自己紹介しませんか",
                "body", "はじめまして！自己紹介チャンネルでひとことどうぞ。");

        Http.Response first = http.post("/api/members/nudges", nudge, moderator.accessToken());
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.json().get("sent").toString()).isEqualTo("[\"" + quiet.id() + "\"]");
        assertThat(first.json().get("skipped")).isEmpty();
        Http.Response again = http.post("/api/members/nudges", nudge, admin().accessToken());
        assertThat(again.json().get("sent")).isEmpty();
        assertThat(again.json().get("skipped").toString())
                .isEqualTo("[{\"memberId\":\"" + quiet.id() + "\",\"reason\":\"RECENTLY_NUDGED\"}]");

        List<TopicProbe.Received> sent = commands().awaitRecords(r -> quiet.id().equals(r.key())
                && SEND_NUDGE.equals(r.type()), Duration.ofSeconds(20));
        JsonNode command = Http.JSON.readTree(sent.get(0).value());
        assertThat(command.get("memberId").asString()).isEqualTo(quiet.id());
        assertThat(command.get("title").asString()).isEqualTo("自己紹介しませんか");
        assertThat(command.get("body").asString()).isEqualTo("はじめまして！自己紹介チャンネルでひとことどうぞ。");
        assertThat(command.get("sentBy").asString()).isEqualTo(moderator.id());
        assertThat(command.get("nudgeId").asString()).isNotBlank();
        assertThat(command.get("at").asString()).isNotBlank();
        relay.wakeUp();
        assertThat(commands().drain(Duration.ofSeconds(2)).stream()
                .filter(r -> quiet.id().equals(r.key()) && SEND_NUDGE.equals(r.type()))).hasSize(1);

        Http.Response listed = http.get("/api/members/never-posted?limit=100", moderator.accessToken());
        assertThat(listed.status()).isEqualTo(200);
    }

    @Test
    void twoModeratorsNudgingAtOnceSendOne() throws Exception {
        ActiveMember quiet = newMember();
        String one = newModerator().accessToken();
        String other = admin().accessToken();
        Map<String, Object> nudge = Map.of("memberIds", List.of(quiet.id()), "title", "t", "body", "b");
        var a = CompletableFuture.supplyAsync(() -> http.post("/api/members/nudges", nudge, one));
        var b = CompletableFuture.supplyAsync(() -> http.post("/api/members/nudges", nudge, other));
        int sent = a.get().json().get("sent").size() + b.get().json().get("sent").size();
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void membersWhoPostedOrDoNotExistAreSkipped() throws Exception {
        ActiveMember poster = newMember();
        postPublished(poster.id(), "QUESTION", Instant.now());
        String moderator = newModerator().accessToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> neverPosted(moderator).stream()
                .noneMatch(i -> i.get("memberId").asString().equals(poster.id())));

        Http.Response answer = http.post("/api/members/nudges", Map.of("memberIds", List.of(poster.id(), "nobody"),
                "title", "t", "body", "b"), moderator);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("sent")).isEmpty();
        assertThat(answer.json().get("skipped").toString()).isEqualTo("[{\"memberId\":\"" + poster.id()
                + "\",\"reason\":\"HAS_POSTED\"},{\"memberId\":\"nobody\",\"reason\":\"NOT_FOUND\"}]");
    }

    @Test
    void onlyModeratorsListAndNudgeAndTheRequestIsChecked() {
        ActiveMember member = newMember();
        assertThat(http.get("/api/members/never-posted", member.accessToken()).status()).isEqualTo(403);
        Http.Response refused = http.post("/api/members/nudges", Map.of("memberIds", List.of(member.id()),
                "title", "t", "body", "b"), member.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        String moderator = newModerator().accessToken();
        assertThat(http.post("/api/members/nudges", Map.of("memberIds", List.of(), "title", "t", "body", "b"),
                moderator).status()).isEqualTo(400);
        assertThat(http.post("/api/members/nudges", Map.of("memberIds", List.of(member.id()), "title", "x".repeat(101),
                "body", "b"), moderator).status()).isEqualTo(400);
        assertThat(http.post("/api/members/nudges", Map.of("memberIds", List.of(member.id()), "title", "t",
                "body", ""), moderator).status()).isEqualTo(400);
        assertThat(http.get("/api/members/never-posted?limit=101", moderator).status()).isEqualTo(400);
        assertThat(http.get("/api/members/never-posted?cursor=%25%25", moderator).status()).isEqualTo(400);
    }

    private List<JsonNode> neverPosted(String token) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get("/api/members/never-posted?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            cursor = page.text("nextCursor");
        } while (cursor != null);
        return all;
    }
}
