package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The activation funnel from real posts events on the broker. Each test moves its members' registration into a period
 * of its own, since the other test classes' members share the database.
 */
class FunnelApiTest extends MembersServiceTest {

    @Test
    void countsEachStageFromThePostsEventsWithTheMedianTimeToFirstPostAndTheCohorts() throws Exception {
        Instant day = Instant.parse("2021-02-03T00:00:00Z"); // 09:00 JST, a Wednesday
        String pending = register(unique("p_") + "@city.naha.lg.jp", unique("p_"));
        ActiveMember verified = newMember();
        ActiveMember introducer = newMember();
        ActiveMember asker = newMember();
        ActiveMember replier = newMember();
        ActiveMember nextDay = newMember();
        for (String id : List.of(pending, introducer.id(), asker.id(), replier.id())) {
            registeredAt(id, day);
        }
        registeredAt(verified.id(), Instant.parse("2021-02-02T15:00:00Z")); // 00:00 JST on the first day: inside
        registeredAt(nextDay.id(), Instant.parse("2021-02-05T15:00:00Z")); // 00:00 JST the day after: outside

        postPublished(verified.id(), "SESSION", day.plusSeconds(3600)); // a session is not a first post
        postPublished(introducer.id(), "INTRODUCTION", day.plus(Duration.ofHours(2)));
        String question = postPublished(asker.id(), "QUESTION", day.plus(Duration.ofHours(6)));
        postPublished(asker.id(), "IDEA", day.plus(Duration.ofHours(4))); // arrives later, happened earlier
        String reply = replyAdded(question, asker.id(), replier.id(), day.plus(Duration.ofHours(10)),
                UUID.randomUUID().toString());
        replyAdded(question, asker.id(), replier.id(), day.plus(Duration.ofHours(10)), reply); // redelivered
        replyAdded(question, asker.id(), asker.id(), day.plus(Duration.ofHours(12)), UUID.randomUUID().toString());
        postPublished(nextDay.id(), "INTRODUCTION", day.plus(Duration.ofDays(3)));

        String moderator = newModerator().accessToken();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode funnel = funnel("from=2021-02-03&to=2021-02-05", moderator);
            assertThat(counts(funnel.get("groups").get(0))).isEqualTo(List.of(5L, 4L, 1L, 1L, 1L, 1L));
            // first posts after 2 h (introduction), 4 h (the earlier idea), 10 h (the reply)
            assertThat(funnel.get("medianHoursToFirstPost").asDouble()).isEqualTo(4.0);
        });
        JsonNode funnel = funnel("from=2021-02-03&to=2021-02-05&groupBy=none", moderator);
        assertThat(funnel.get("from").asString()).isEqualTo("2021-02-03");
        assertThat(funnel.get("to").asString()).isEqualTo("2021-02-05");
        assertThat(funnel.get("stages").toString()).isEqualTo("[\"registered\",\"verified\",\"introduced\","
                + "\"askedOrProposed\",\"repliedToOthers\",\"receivedReply\"]");
        assertThat(funnel.get("groups")).hasSize(1);
        assertThat(funnel.get("groups").get(0).get("key").asString()).isEqualTo("all");
        assertThat(funnel.get("groups").get(0).get("label").asString()).isEqualTo("全体 / All");
        assertThat(funnel.get("cohorts")).hasSize(1);
        assertThat(funnel.get("cohorts").get(0).get("weekStart").asString()).isEqualTo("2021-02-01");
        assertThat(counts(funnel.get("cohorts").get(0))).isEqualTo(List.of(5L, 4L, 1L, 1L, 1L, 1L));
        assertThat(funnel.get("nudges").get("nudged").asLong()).isZero();

        JsonNode later = funnel("from=2021-02-04&to=2021-02-06", moderator);
        assertThat(counts(later.get("groups").get(0))).isEqualTo(List.of(1L, 1L, 1L, 0L, 0L, 0L));
        JsonNode empty = funnel("from=2021-02-04&to=2021-02-05", moderator);
        assertThat(counts(empty.get("groups").get(0))).isEqualTo(List.of(0L, 0L, 0L, 0L, 0L, 0L));
        assertThat(empty.get("medianHoursToFirstPost").isNull()).isTrue();
        assertThat(empty.get("cohorts")).isEmpty();
    }

    @Test
    void importedHistoryCountsFromWhenItWasImportedNotFromWhenItWasWrittenElsewhere() throws Exception {
        Instant joined = Instant.parse("2022-06-01T00:00:00Z"); // 09:00 JST, a Wednesday
        ActiveMember veteran = newMember();
        registeredAt(veteran.id(), joined);
        String postId = UUID.randomUUID().toString();
        // written on Slack in 2019, imported three hours after the member joined Kyoso
        publishPostEvent("kyoso.posts.PostPublished.v1", postId, "{\"postId\":\"" + postId
                + "\",\"channelSlug\":\"general\",\"kind\":\"QUESTION\",\"title\":\"t\",\"excerpt\":\"e\","
                + "\"tags\":[],\"authorId\":\"" + veteran.id() + "\",\"mentionedMemberIds\":[],"
                + "\"createdAt\":\"2019-04-01T00:00:00Z\",\"imported\":true}", UUID.randomUUID().toString(),
                joined.plus(Duration.ofHours(3)));

        String moderator = newModerator().accessToken();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode funnel = funnel("from=2022-06-01&to=2022-06-01&groupBy=none", moderator);
            assertThat(counts(funnel.get("groups").get(0))).isEqualTo(List.of(1L, 1L, 0L, 1L, 0L, 0L));
            assertThat(funnel.get("medianHoursToFirstPost").asDouble()).isEqualTo(3.0);
        });
    }

    @Test
    void groupsByPrefectureOrganizationTypeAndSessionAttendance() throws Exception {
        Instant day = Instant.parse("2021-03-03T01:00:00Z");
        String town = withCode("473618");   // 久米島町
        String city = withCode("472018");   // 那覇市
        String prefecture = withCode("470007"); // 沖縄県
        String handle = unique("kasumi_");
        ActiveMember national = registerAndActivate(handle + "@digital.go.jp", handle);
        for (String id : List.of(town, city, prefecture, national.id())) {
            registeredAt(id, day);
        }
        String session = UUID.randomUUID().toString();
        attendanceMarked(session, town, true);
        attendanceMarked(session, city, false);
        String moderator = newModerator().accessToken();

        JsonNode byType = funnel("from=2021-03-03&to=2021-03-03&groupBy=organizationType", moderator);
        Map<String, Long> registered = registeredByKey(byType);
        assertThat(registered).isEqualTo(Map.of("PREFECTURE", 1L, "CITY", 1L, "TOWN", 1L,
                "VILLAGE", 0L, "SPECIAL_WARD", 0L, "NATIONAL", 1L, "OTHER", 0L));
        assertThat(labels(byType)).containsExactly("都道府県", "市", "町", "村", "特別区", "国の機関", "その他");

        JsonNode byPrefecture = funnel("from=2021-03-03&to=2021-03-03&groupBy=prefecture", moderator);
        assertThat(registeredByKey(byPrefecture)).isEqualTo(Map.of("沖縄県", 3L, "unknown", 1L));
        assertThat(labels(byPrefecture)).containsExactly("沖縄県", "不明");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registeredByKey(
                funnel("from=2021-03-03&to=2021-03-03&groupBy=attendedSession", moderator)))
                .isEqualTo(Map.of("true", 1L, "false", 3L)));
        assertThat(labels(funnel("from=2021-03-03&to=2021-03-03&groupBy=attendedSession", moderator)))
                .containsExactly("勉強会に参加した", "参加していない");
    }

    @Test
    void countsTheNudgedMembersAndThoseWhoPostedAfterTheirNudge() throws Exception {
        ActiveMember posts = newMember();
        ActiveMember staysQuiet = newMember();
        registeredAt(posts.id(), Instant.parse("2021-04-07T01:00:00Z"));
        registeredAt(staysQuiet.id(), Instant.parse("2021-04-08T01:00:00Z"));
        String moderator = newModerator().accessToken();
        Http.Response nudged = http.post("/api/members/nudges", Map.of("memberIds",
                List.of(posts.id(), staysQuiet.id()), "title", "自己紹介しませんか", "body", "ぜひ"), moderator);
        assertThat(nudged.json().get("sent")).hasSize(2);
        postPublished(posts.id(), "INTRODUCTION", Instant.now().plusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode nudges = funnel("from=2021-04-07&to=2021-04-08", moderator).get("nudges");
            assertThat(nudges.get("nudged").asLong()).isEqualTo(2);
            assertThat(nudges.get("postedAfterNudge").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theCsvStartsWithTheByteOrderMarkAndHasTheJapaneseHeader() {
        String member = withCode("473618");
        registeredAt(member, Instant.parse("2021-05-05T03:00:00Z"));
        String moderator = newModerator().accessToken();

        Http.Response csv = http.get("/api/members/funnel.csv?from=2021-05-05&to=2021-05-05&groupBy=prefecture",
                moderator);
        assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.headers().getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"kyoso-funnel-2021-05-05-2021-05-05.csv\"");
        byte[] bytes = csv.raw().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        assertThat(csv.raw().substring(1)).isEqualTo(
                "グループ,登録,メール確認,自己紹介,最初の質問・アイデア,他の人への返信,返信を受けた\r\n"
                        + "沖縄県,1,1,0,0,0,0\r\n");
    }

    @Test
    void onlyModeratorsSeeTheFunnelAndBadParametersAre400() {
        ActiveMember member = newMember();
        assertThat(http.get("/api/members/funnel", member.accessToken()).status()).isEqualTo(403);
        assertThat(http.get("/api/members/funnel.csv", member.accessToken()).status()).isEqualTo(403);
        assertThat(http.get("/api/members/funnel", null).status()).isEqualTo(401);
        String moderator = newModerator().accessToken();
        Http.Response defaults = http.get("/api/members/funnel", moderator);
        assertThat(defaults.status()).as(defaults.raw()).isEqualTo(200);
        assertThat(java.time.LocalDate.parse(defaults.text("to")).minusDays(89).toString())
                .isEqualTo(defaults.text("from"));
        assertThat(http.get("/api/members/funnel?groupBy=city", moderator).status()).isEqualTo(400);
        assertThat(http.get("/api/members/funnel?from=2021-13-01", moderator).status()).isEqualTo(400);
        assertThat(http.get("/api/members/funnel?from=2021-02-02&to=2021-02-01", moderator).status())
                .isEqualTo(400);
    }

    private String withCode(String organizationCode) {
        String handle = unique("org_");
        Map<String, Object> body = new HashMap<>(registration(handle + "@pref.okinawa.lg.jp", handle));
        body.put("organizationCode", organizationCode);
        Http.Response registered = http.post("/api/auth/register", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        String id = registered.text("memberId");
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(id))).status()).isEqualTo(200);
        return id;
    }

    private JsonNode funnel(String query, String token) {
        Http.Response response = http.get("/api/members/funnel?" + query, token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> counts(JsonNode withCounts) {
        JsonNode c = withCounts.get("counts");
        return List.of(c.get("registered").asLong(), c.get("verified").asLong(), c.get("introduced").asLong(),
                c.get("askedOrProposed").asLong(), c.get("repliedToOthers").asLong(), c.get("receivedReply").asLong());
    }

    private static Map<String, Long> registeredByKey(JsonNode funnel) {
        Map<String, Long> registered = new java.util.LinkedHashMap<>();
        funnel.get("groups").forEach(g -> registered.put(g.get("key").asString(), g.get("counts").get("registered")
                .asLong()));
        return registered;
    }

    private static List<String> labels(JsonNode funnel) {
        List<String> labels = new java.util.ArrayList<>();
        funnel.get("groups").forEach(g -> labels.add(g.get("label").asString()));
        return labels;
    }
}
