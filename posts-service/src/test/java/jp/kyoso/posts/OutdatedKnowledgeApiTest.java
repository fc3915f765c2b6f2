package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stale knowledge (情報が古い): posts record what they cite and say when it may be out of date; members flag a post
 * 要確認, moderators confirm or clear the flags; posts, the moderators' list and search show it; the changes leave
 * through the post's outbox.
 */
class OutdatedKnowledgeApiTest extends PostsServiceTest {
    private static final Duration EVENTS = Duration.ofSeconds(20);
    private static final String OLD_NOTICE = "平成30年4月1日付け総務省自治行政局長通知";

    @Test
    void postsRecordTheirCitationsAndAnOldOneMayBeOutdated() {
        TestMember author = member("引用 する人");
        Api reader = api(member("読む人"));
        String old = api(author).publish("general", "QUESTION", "住民票の写しの交付",
                "住民基本台帳法第12条と" + OLD_NOTICE + "によれば…");
        JsonNode view = reader.get("/api/posts/" + old).json();
        assertThat(view.get("citations")).hasSize(2);
        JsonNode law = view.get("citations").get(0);
        assertThat(fields(law)).containsExactly("kind", "text", "name", "article", "issuedOn", "issuer");
        assertThat(law.get("kind").asString()).isEqualTo("LAW");
        assertThat(law.get("name").asString()).isEqualTo("住民基本台帳法");
        assertThat(law.get("article").asString()).isEqualTo("第12条");
        assertThat(law.get("text").asString()).isEqualTo("住民基本台帳法第12条");
        assertThat(law.get("issuedOn").isNull()).isTrue();
        JsonNode notice = view.get("citations").get(1);
        assertThat(notice.get("kind").asString()).isEqualTo("NOTICE");
        assertThat(notice.get("issuedOn").asString()).isEqualTo("2018-04-01");
        assertThat(notice.get("issuer").asString()).isEqualTo("総務省");
        // the law is dated by the post (today): the newest date decides, so the post is not stale
        assertThat(view.get("mayBeOutdated").asBoolean()).isFalse();
        assertThat(view.has("outdated")).isFalse();

        String stale = api(author).publish("general", "DISCUSSION", "通知の運用", OLD_NOTICE + "の運用について");
        assertThat(reader.get("/api/posts/" + stale).json().get("mayBeOutdated").asBoolean()).isTrue();
        String recent = api(author).publish("general", "DISCUSSION", "通知の運用", recentNotice() + "の運用について");
        assertThat(reader.get("/api/posts/" + recent).json().get("mayBeOutdated").asBoolean()).isFalse();
        String none = api(author).publish("general", "DISCUSSION", "雑談", "よい方法はありますか");
        assertThat(reader.get("/api/posts/" + none).json().get("citations")).isEmpty();
        assertThat(reader.get("/api/posts/" + none).json().get("mayBeOutdated").asBoolean()).isFalse();

        // the feed shows the same
        JsonNode inFeed = reader.get("/api/posts?author=" + author.id()).items().stream()
                .filter(p -> p.get("id").asString().equals(stale)).findFirst().orElseThrow();
        assertThat(inFeed.get("mayBeOutdated").asBoolean()).isTrue();
        assertThat(inFeed.get("citations").get(0).get("issuedOn").asString()).isEqualTo("2018-04-01");

        // an edit replaces the citations: the post now cites a recent notice instead
        Api.Response edited = api(author).patch("/api/posts/" + stale,
                Map.of("body", recentNotice() + "と那覇市情報公開条例第5条の運用について"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("citations")).extracting(c -> c.get("kind").asString())
                .containsExactly("NOTICE", "ORDINANCE");
        assertThat(edited.json().get("mayBeOutdated").asBoolean()).isFalse();
        assertThat(reader.get("/api/posts/" + stale).json().get("citations").get(1).get("name").asString())
                .isEqualTo("那覇市情報公開条例");
        // the title counts too
        Api.Response retitled = api(author).patch("/api/posts/" + none, Map.of("title", "地方自治法第2条の解釈"));
        assertThat(retitled.json().get("citations").get(0).get("name").asString()).isEqualTo("地方自治法");
    }

    @Test
    void anyMemberFlagsOncePerPostAndThePostCarriesTheBanner() {
        TestMember author = member("投稿者");
        TestMember first = member("気づいた人");
        TestMember second = member("もう一人");
        String post = api(author).publish("general", "DISCUSSION", "窓口の手数料", "本部町手数料条例第3条によります。");
        String path = "/api/posts/" + post + "/outdated-flags";

        Api.Response flagged = api(first).post(path, Map.of("reason", "令和6年に条例が改正されています",
                "link", "https://www.town.motobu.okinawa.jp/reiki/"));
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(201);
        JsonNode flag = flagged.json();
        assertThat(flag.get("flagId").asString()).isNotBlank();
        assertThat(flag.get("postId").asString()).isEqualTo(post);
        assertThat(flag.get("status").asString()).isEqualTo("OPEN");
        assertThat(flag.get("reason").asString()).isEqualTo("令和6年に条例が改正されています");
        assertThat(flag.get("link").asString()).isEqualTo("https://www.town.motobu.okinawa.jp/reiki/");
        assertThat(flag.get("flaggedBy").asString()).isEqualTo(first.id());
        assertThat(flag.get("at").asString()).endsWith("Z");
        assertThat(flag.get("firstOpenFlag").asBoolean()).isTrue();
        assertThat(flag.get("outdated").get("status").asString()).isEqualTo("FLAGGED");

        Api.Response again = api(first).post(path, Map.of("reason", "もう一度"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString()).contains("すでに要確認として報告しています");

        Api.Response other = api(second).post(path, Map.of("reason", "通知も新しくなりました"));
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().get("firstOpenFlag").asBoolean()).isFalse();
        assertThat(other.json().has("link")).isTrue();
        assertThat(other.json().get("link").isNull()).isTrue();

        // everybody sees the banner, without who flagged
        JsonNode outdated = api(member("読む人")).get("/api/posts/" + post).json().get("outdated");
        assertThat(outdated.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(outdated.get("flags").asInt()).isEqualTo(2);
        assertThat(outdated.get("latestReason").asString()).isEqualTo("通知も新しくなりました");
        assertThat(outdated.get("latestLink").isNull()).isTrue();
        assertThat(outdated.get("lastFlaggedAt").asString()).endsWith("Z");
        assertThat(outdated.has("confirmedBy")).isFalse();
        assertThat(outdated.toString()).doesNotContain(first.id()).doesNotContain(second.id());

        // the author may flag their own post too
        assertThat(api(author).post(path, Map.of("reason", "自分でも古いと思います")).status()).isEqualTo(201);
        assertThat(anonymous().post(path, Map.of("reason", "匿名")).status()).isEqualTo(401);
    }

    @Test
    void badFlagsAreRefusedAndChangeNothing() {
        TestMember author = member("投稿者");
        TestMember flagger = member("報告者");
        TestMember manager = moderator("運営");
        String post = api(author).publish("general", "DISCUSSION", "題", "地方自治法第2条");
        String path = "/api/posts/" + post + "/outdated-flags";

        for (Object body : List.of(Map.of(), Map.of("reason", "  "), Map.of("reason", "あ".repeat(501)),
                Map.of("reason", "理由", "link", "ftp://example.jp/a"),
                Map.of("reason", "理由", "link", "見てください"),
                Map.of("reason", "理由", "link", "javascript:alert(1)"),
                Map.of("reason", "理由", "link", "https://example.jp/" + "a".repeat(2000)))) {
            Api.Response refused = api(flagger).post(path, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Api.Response badLink = api(flagger).post(path, Map.of("reason", "理由", "link", "ftp://example.jp/a"));
        assertThat(badLink.json().get("errors").get(0).get("field").asString()).isEqualTo("link");
        assertThat(api(flagger).post(path, "{not json").status()).isEqualTo(400);
        assertThat(api(flagger).get("/api/posts/" + post).json().has("outdated")).isFalse();
        // 500 characters and an http link are fine
        assertThat(api(flagger).post(path, Map.of("reason", "あ".repeat(500), "link", "http://example.jp/"))
                .status()).isEqualTo(201);

        assertThat(api(flagger).post("/api/posts/no-such-post/outdated-flags", Map.of("reason", "理由")).status())
                .isEqualTo(404);
        // hidden: gone for members, and moderators cannot flag a hidden post
        assertThat(api(manager).post("/api/posts/" + post + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(member("別の人")).post(path, Map.of("reason", "理由")).status()).isEqualTo(404);
        assertThat(api(manager).post(path, Map.of("reason", "理由")).status()).isEqualTo(409);
        assertThat(api(manager).post("/api/posts/" + post + "/unhide", Map.of()).status()).isEqualTo(204);
        assertThat(api(author).delete("/api/posts/" + post).status()).isEqualTo(204);
        assertThat(api(member("別の人")).post(path, Map.of("reason", "理由")).status()).isEqualTo(404);
        assertThat(api(manager).post(path + "/confirm", Map.of()).status()).isEqualTo(404);
        assertThat(api(manager).post(path + "/clear", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void onlyModeratorsConfirmAndClearAndTheHistoryKeepsIt() {
        TestMember author = member("投稿者");
        TestMember flagger = member("報告者");
        TestMember manager = moderator("運営");
        String post = api(author).publish("general", "DISCUSSION", "児童手当の事務", OLD_NOTICE + "に従っています。");
        String path = "/api/posts/" + post + "/outdated-flags";
        assertThat(api(manager).post(path + "/confirm", Map.of()).status()).isEqualTo(409);
        assertThat(api(flagger).post(path, Map.of("reason", "通知が改正されました")).status()).isEqualTo(201);

        for (TestMember notAllowed : List.of(flagger, author, member("通りすがり"))) {
            for (String action : List.of("/confirm", "/clear")) {
                Api.Response refused = api(notAllowed).post(path + action, Map.of());
                assertThat(refused.status()).as(action).isEqualTo(403);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(api(flagger).get("/api/posts/" + post).json().get("outdated").get("status").asString())
                .isEqualTo("FLAGGED");
        assertThat(anonymous().post(path + "/confirm", Map.of()).status()).isEqualTo(401);
        assertThat(api(manager).post(path + "/confirm", Map.of("note", "あ".repeat(501))).status()).isEqualTo(400);
        assertThat(api(manager).post("/api/posts/no-such-post/outdated-flags/confirm", Map.of()).status())
                .isEqualTo(404);

        Api.Response confirmed = api(manager).post(path + "/confirm", Map.of("note", "改正を確認しました"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode banner = confirmed.json().get("outdated");
        assertThat(confirmed.json().get("id").asString()).isEqualTo(post);
        assertThat(banner.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(banner.get("confirmedBy").asString()).isEqualTo(manager.id());
        assertThat(banner.get("confirmedAt").asString()).endsWith("Z");
        assertThat(banner.get("note").asString()).isEqualTo("改正を確認しました");
        assertThat(banner.get("flags").asInt()).isEqualTo(1);
        // confirming again: 200, nothing changes; the body is optional
        Api.Response twice = api(admin("管理者")).post(path + "/confirm", null);
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.json().get("outdated").get("confirmedBy").asString()).isEqualTo(manager.id());
        // a flag after the confirmation keeps it confirmed
        assertThat(api(member("二人目")).post(path, Map.of("reason", "まだ古いです")).json()
                .get("outdated").get("status").asString()).isEqualTo("CONFIRMED");

        Api.Response cleared = api(manager).post(path + "/clear", Map.of("note", "本文が更新されました"));
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().has("outdated")).isFalse();
        assertThat(api(flagger).get("/api/posts/" + post).json().has("outdated")).isFalse();
        assertThat(api(manager).post(path + "/clear", null).status()).isEqualTo(200);

        List<JsonNode> history = api(manager).get("/api/moderation/decisions?limit=100").items().stream()
                .filter(d -> post.equals(d.get("postId").asString())).toList();
        assertThat(history).extracting(d -> d.get("action").asString())
                .containsExactly("OUTDATED_CLEARED", "OUTDATED_CONFIRMED");
        assertThat(history.get(0).get("note").asString()).isEqualTo("本文が更新されました");
        assertThat(history.get(0).get("by").asString()).isEqualTo(manager.id());

        // after a clear, the same member may flag again, and it is a first open flag again
        Api.Response anew = api(flagger).post(path, Map.of("reason", "また改正されました"));
        assertThat(anew.status()).isEqualTo(201);
        assertThat(anew.json().get("firstOpenFlag").asBoolean()).isTrue();
        assertThat(anew.json().get("outdated").get("status").asString()).isEqualTo("FLAGGED");
        assertThat(anew.json().get("outdated").get("flags").asInt()).isEqualTo(1);
    }

    @Test
    void moderatorsListFlaggedPostsWithTheirFlags() {
        TestMember author = member("投稿者");
        TestMember flagger = member("報告者");
        TestMember manager = moderator("運営");
        String post = api(author).publish("general", "DISCUSSION", "介護保険の事務", OLD_NOTICE + "のとおり");
        String path = "/api/posts/" + post + "/outdated-flags";
        api(flagger).post(path, Map.of("reason", "改正済みです", "link", "https://www.mhlw.go.jp/"));

        assertThat(api(flagger).get("/api/moderation/outdated-flags").status()).isEqualTo(403);
        assertThat(api(manager).get("/api/moderation/outdated-flags?status=maybe").status()).isEqualTo(400);
        JsonNode listed = find(api(manager).get("/api/moderation/outdated-flags?status=OPEN&limit=100"), post);
        assertThat(listed.get("title").asString()).isEqualTo("介護保険の事務");
        assertThat(listed.get("channel").asString()).isEqualTo("general");
        assertThat(listed.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(listed.get("mayBeOutdated").asBoolean()).isTrue();
        assertThat(listed.get("citations").get(0).get("issuedOn").asString()).isEqualTo("2018-04-01");
        assertThat(listed.get("author").get("id").asString()).isEqualTo(author.id());
        assertThat(listed.get("outdated").get("flags").asInt()).isEqualTo(1);
        JsonNode flag = listed.get("flags").get(0);
        assertThat(flag.get("flaggedBy").asString()).isEqualTo(flagger.id());
        assertThat(flag.get("reason").asString()).isEqualTo("改正済みです");
        assertThat(flag.get("link").asString()).isEqualTo("https://www.mhlw.go.jp/");
        assertThat(flag.get("status").asString()).isEqualTo("OPEN");
        assertThat(find(api(manager).get("/api/moderation/outdated-flags?limit=100"), post)).isNotNull();
        assertThat(find(api(manager).get("/api/moderation/outdated-flags?status=FLAGGED&limit=100"), post))
                .isNotNull();
        assertThat(ids(api(manager).get("/api/moderation/outdated-flags?status=CONFIRMED&limit=100")))
                .doesNotContain(post);

        api(manager).post(path + "/confirm", Map.of());
        assertThat(find(api(manager).get("/api/moderation/outdated-flags?status=CONFIRMED&limit=100"), post)
                .get("outdated").get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(ids(api(manager).get("/api/moderation/outdated-flags?status=FLAGGED&limit=100")))
                .doesNotContain(post);

        api(manager).post(path + "/clear", Map.of("note", "確認済み"));
        assertThat(ids(api(manager).get("/api/moderation/outdated-flags?limit=100"))).doesNotContain(post);
        JsonNode cleared = find(api(manager).get("/api/moderation/outdated-flags?status=CLEARED&limit=100"), post);
        assertThat(cleared.get("outdated").isNull()).isTrue();
        assertThat(cleared.get("flags").get(0).get("status").asString()).isEqualTo("CLEARED");
        assertThat(cleared.get("flags").get(0).get("clearedBy").asString()).isEqualTo(manager.id());
        assertThat(cleared.get("flags").get(0).get("clearNote").asString()).isEqualTo("確認済み");

        // pages: newest flag first, a cursor to the next
        String older = api(author).publish("general", "DISCUSSION", "古い方", "題");
        String newer = api(author).publish("general", "DISCUSSION", "新しい方", "題");
        api(flagger).post("/api/posts/" + older + "/outdated-flags", Map.of("reason", "古い"));
        api(flagger).post("/api/posts/" + newer + "/outdated-flags", Map.of("reason", "古い"));
        Api.Response page = api(manager).get("/api/moderation/outdated-flags?limit=1");
        assertThat(ids(page)).containsExactly(newer);
        String cursor = page.json().get("nextCursor").asString();
        assertThat(ids(api(manager).get("/api/moderation/outdated-flags?limit=1&cursor=" + Api.encode(cursor))))
                .containsExactly(older);
    }

    @Test
    void searchHitsCarryTheBanners() {
        TestMember author = member("投稿者");
        TestMember manager = moderator("運営");
        Api reader = api(member("探す人"));
        // a word (letters only: one token) that no other test writes, so the hits are these posts only
        String word = "kq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").replaceAll("(.)", "$1y");
        String stale = api(author).publish("general", "DISCUSSION", "古い " + word, word + " は " + OLD_NOTICE + "による");
        String fresh = api(author).publish("general", "DISCUSSION", "新しい " + word, word + " は " + recentNotice()
                + "による");
        String search = "/api/search?q=" + word;
        await().atMost(EVENTS).untilAsserted(() -> assertThat(postHits(reader.get(search)).keySet())
                .containsExactlyInAnyOrder(stale, fresh));
        Map<String, JsonNode> hits = postHits(reader.get(search));
        assertThat(hits.get(stale).get("mayBeOutdated").asBoolean()).isTrue();
        assertThat(hits.get(fresh).get("mayBeOutdated").asBoolean()).isFalse();
        assertThat(hits.get(stale).has("outdated")).isFalse();

        api(member("報告者")).post("/api/posts/" + fresh + "/outdated-flags", Map.of("reason", "改正されました"));
        assertThat(postHits(reader.get(search)).get(fresh).get("outdated").asString()).isEqualTo("FLAGGED");
        api(manager).post("/api/posts/" + fresh + "/outdated-flags/confirm", Map.of());
        assertThat(postHits(reader.get(search)).get(fresh).get("outdated").asString()).isEqualTo("CONFIRMED");
        api(manager).post("/api/posts/" + fresh + "/outdated-flags/clear", Map.of());
        assertThat(postHits(reader.get(search)).get(fresh).has("outdated")).isFalse();
        // replies of a flagged thread carry its banner too
        api(member("報告者")).post("/api/posts/" + stale + "/outdated-flags", Map.of("reason", "古い"));
        api(author).reply(stale, "追記: " + word + " の件");
        await().atMost(EVENTS).untilAsserted(() -> assertThat(reader.get(search).items().stream()
                .filter(h -> h.has("replyId")).toList()).singleElement()
                .satisfies(h -> assertThat(h.get("outdated").asString()).isEqualTo("FLAGGED")));
    }

    @Test
    void eachChangeIsOneEventInThePostsOutboxAndRepeatsWriteNone() {
        TestMember author = member("投稿者");
        TestMember first = member("一人目");
        TestMember second = member("二人目");
        TestMember manager = moderator("運営");
        String post = api(author).publish("general", "DISCUSSION", "戸籍の事務", "戸籍法第10条");
        String path = "/api/posts/" + post + "/outdated-flags";

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            String flagId = api(first).post(path, Map.of("reason", "改正あり", "link", "https://elaws.e-gov.go.jp/"))
                    .json().get("flagId").asString();
            assertThat(api(first).post(path, Map.of("reason", "重複")).status()).isEqualTo(409);
            assertThat(api(second).post(path, Map.of("reason", "同じく")).status()).isEqualTo(201);
            assertThat(api(manager).post(path + "/confirm", Map.of("note", "確認")).status()).isEqualTo(200);
            assertThat(api(manager).post(path + "/confirm", Map.of()).status()).isEqualTo(200);
            assertThat(api(manager).post(path + "/clear", Map.of()).status()).isEqualTo(200);
            assertThat(api(manager).post(path + "/clear", Map.of()).status()).isEqualTo(200);
            assertThat(api(second).post(path, Map.of("reason", "再び")).status()).isEqualTo(201);

            probe.awaitRecords(r -> post.equals(r.key()) && PostsEvents.POST_FLAGGED_OUTDATED.equals(r.type())
                    && r.value().contains("再び"), EVENTS);
            List<TopicProbe.Received> events = probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> post.equals(r.key())).filter(r -> r.type().contains("Outdated")).toList();
            assertThat(events).extracting(TopicProbe.Received::type).containsExactly(
                    PostsEvents.POST_FLAGGED_OUTDATED, PostsEvents.POST_FLAGGED_OUTDATED,
                    PostsEvents.POST_OUTDATED_CONFIRMED, PostsEvents.POST_OUTDATED_CLEARED,
                    PostsEvents.POST_FLAGGED_OUTDATED);
            for (TopicProbe.Received event : events) {
                assertThat(event.headers()).containsEntry("ce_source", "/kyoso/posts-service")
                        .containsEntry("ce_subject", post).containsKey("ce_id").containsKey("ce_time");
            }
            JsonNode flagged = Api.JSON.readTree(events.get(0).value());
            assertThat(fields(flagged)).containsExactly("postId", "channelSlug", "title", "postAuthorId", "flagId",
                    "flaggedBy", "reason", "link", "at", "firstOpenFlag");
            assertThat(flagged.get("postId").asString()).isEqualTo(post);
            assertThat(flagged.get("channelSlug").asString()).isEqualTo("general");
            assertThat(flagged.get("title").asString()).isEqualTo("戸籍の事務");
            assertThat(flagged.get("postAuthorId").asString()).isEqualTo(author.id());
            assertThat(flagged.get("flagId").asString()).isEqualTo(flagId);
            assertThat(flagged.get("flaggedBy").asString()).isEqualTo(first.id());
            assertThat(flagged.get("reason").asString()).isEqualTo("改正あり");
            assertThat(flagged.get("link").asString()).isEqualTo("https://elaws.e-gov.go.jp/");
            assertThat(flagged.get("at").asString()).endsWith("Z");
            assertThat(flagged.get("firstOpenFlag").asBoolean()).isTrue();
            JsonNode secondFlag = Api.JSON.readTree(events.get(1).value());
            assertThat(secondFlag.get("firstOpenFlag").asBoolean()).isFalse();
            assertThat(secondFlag.get("link").isNull()).isTrue();

            JsonNode confirmed = Api.JSON.readTree(events.get(2).value());
            assertThat(fields(confirmed)).containsExactly("postId", "channelSlug", "title", "postAuthorId", "by",
                    "note", "openFlags", "at");
            assertThat(confirmed.get("by").asString()).isEqualTo(manager.id());
            assertThat(confirmed.get("note").asString()).isEqualTo("確認");
            assertThat(confirmed.get("openFlags").asInt()).isEqualTo(2);
            JsonNode cleared = Api.JSON.readTree(events.get(3).value());
            assertThat(fields(cleared)).containsExactly("postId", "channelSlug", "title", "postAuthorId", "by",
                    "note", "clearedFlags", "at");
            assertThat(cleared.get("clearedFlags").asInt()).isEqualTo(2);
            assertThat(cleared.get("note").isNull()).isTrue();
            assertThat(Api.JSON.readTree(events.get(4).value()).get("firstOpenFlag").asBoolean()).isTrue();
        }
    }

    /** A notice dated a month ago, in 令和. */
    private static String recentNotice() {
        LocalDate date = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusMonths(1);
        return "令和" + (date.getYear() - 2018) + "年" + date.getMonthValue() + "月" + date.getDayOfMonth()
                + "日付け総務省通知";
    }

    private static Map<String, JsonNode> postHits(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> hits = new HashMap<>();
        response.items().stream().filter(hit -> !hit.has("replyId"))
                .forEach(hit -> hits.put(hit.get("postId").asString(), hit));
        return hits;
    }

    private static JsonNode find(Api.Response response, String postId) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().filter(item -> postId.equals(item.get("postId").asString())).findFirst()
                .orElseThrow(() -> new AssertionError(postId + " not listed: " + response.body()));
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(item -> item.get("postId").asString()).toList();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
