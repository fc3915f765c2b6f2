package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/posts/handovers/{id}/threads: the threads a leaver asked and answered in the job being handed over, from
 * the HandoverNamed (and MemberMoved, MemberDeactivated) events of kyoso.members.v1.
 */
class HandoverThreadsApiTest extends MemberEventsTestBase {
    @Test
    void herQuestionsAndAnswersInTheJobOpenQuestionsFirstThenTheLatestActivity() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember sato = member("佐藤 泰格");
        Api her = api(gima);

        String openQuestion = her.publish("general", "QUESTION", "児童手当の現況届はどう案内していますか", "窓口での案内方法を知りたいです。");
        // (words no other test of the shared search index asks about)
        String solvedQuestion = her.publish("general", "QUESTION", "母子健康手帳の出張所での交付", "支所でも渡していますか。");
        String answer = api(sato).reply(solvedQuestion, "都城市では支所でも渡しています。");
        assertThat(her.put("/api/posts/" + solvedQuestion + "/answer", Map.of("replyId", answer)).status())
                .isEqualTo(200);
        String idea = her.publish("general", "IDEA", "母子手帳アプリの共同調達", "近隣の町と一緒に調達できないでしょうか。");
        her.reply(idea, "補足: 予算は来年度に要求します。");
        String satosQuestion = api(sato).publish("general", "QUESTION", "保育所の入所申請のオンライン化", "どこから始めましたか。");
        her.reply(satosQuestion, "久米島町では申請書のダウンロードから始めました。");
        String satosDiscussion = api(sato).publish("general", "DISCUSSION", "窓口の待ち時間", "みなさんの町ではどうですか。");
        her.reply(satosDiscussion, "午前中が混みます。");
        String notHers = api(sato).publish("general", "QUESTION", "彼女の関わらない質問", "本文");
        String hidden = her.publish("general", "DISCUSSION", "非表示になった投稿", "本文");
        assertThat(api(moderator("運営")).post("/api/posts/" + hidden + "/hide", Map.of()).status()).isEqualTo(204);
        String deleted = her.publish("general", "DISCUSSION", "削除した投稿", "本文");
        assertThat(her.delete("/api/posts/" + deleted).status()).isEqualTo(204);
        String beforeTheJob = her.publish("general", "QUESTION", "前の職場での質問", "本文");
        String firstMinute = her.publish("introductions", "INTRODUCTION", "久米島町の儀間です", "着任しました。");

        // the job began on 2020-04-01 (JST) and goes on: the boundary is midnight in Japan
        moveInTime(beforeTheJob, Instant.parse("2020-03-31T14:59:59.999Z"), null);
        moveInTime(firstMinute, Instant.parse("2020-03-31T15:00:00Z"), Instant.parse("2020-03-31T15:00:00Z"));
        // activity times that make the order certain
        moveInTime(openQuestion, null, Instant.parse("2025-01-10T00:00:00Z"));
        moveInTime(satosQuestion, null, Instant.parse("2025-02-10T00:00:00Z"));
        moveInTime(solvedQuestion, null, Instant.parse("2025-03-10T00:00:00Z"));
        moveInTime(idea, null, Instant.parse("2025-03-01T00:00:00Z"));
        moveInTime(satosDiscussion, null, Instant.parse("2024-12-01T00:00:00Z"));

        String handoverId = named(gima, successor, "2020-04-01", null);
        JsonNode page = awaitThreads(successor, handoverId);
        assertThat(page.get("from").asString()).isEqualTo("2020-04-01");
        assertThat(page.get("to").isNull()).isTrue();
        List<String> order = postIds(page);
        assertThat(order).containsExactly(satosQuestion, openQuestion, solvedQuestion, idea, satosDiscussion,
                firstMinute);
        assertThat(order).doesNotContain(notHers, hidden, deleted, beforeTheJob);

        JsonNode open = item(page, openQuestion);
        assertThat(open.get("role").asString()).isEqualTo("ASKED");
        assertThat(open.get("open").asBoolean()).isTrue();
        assertThat(open.get("solved").asBoolean()).isFalse();
        assertThat(open.get("kind").asString()).isEqualTo("QUESTION");
        assertThat(open.get("channel").asString()).isEqualTo("general");
        assertThat(open.get("title").asString()).isEqualTo("児童手当の現況届はどう案内していますか");
        assertThat(open.get("lastActivityAt").asString()).isEqualTo("2025-01-10T00:00:00.000Z");
        JsonNode solved = item(page, solvedQuestion);
        assertThat(solved.get("role").asString()).isEqualTo("ASKED");
        assertThat(solved.get("solved").asBoolean()).isTrue();
        assertThat(solved.get("open").asBoolean()).isFalse();
        assertThat(solved.get("replyCount").asInt()).isEqualTo(1);
        assertThat(item(page, idea).get("role").asString()).isEqualTo("BOTH");
        assertThat(item(page, idea).has("solved")).isFalse();
        assertThat(item(page, satosQuestion).get("role").asString()).isEqualTo("ANSWERED");
        assertThat(item(page, satosQuestion).get("open").asBoolean()).isTrue();
        assertThat(item(page, satosDiscussion).get("role").asString()).isEqualTo("ANSWERED");
        assertThat(item(page, satosDiscussion).get("open").asBoolean()).isFalse();

        // the leaver sees the same page; pages of two follow each other without repeats
        assertThat(postIds(api(gima).get(threads(handoverId)).json())).isEqualTo(order);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response response = api(successor).get(threads(handoverId) + "?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.status()).isEqualTo(200);
            paged.addAll(postIds(response.json()));
            cursor = response.json().get("nextCursor").isNull() ? null : response.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged).isEqualTo(order);
        assertThat(api(successor).get(threads(handoverId) + "?cursor=nonsense").status()).isEqualTo(400);
        assertThat(api(successor).get(threads(handoverId) + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theJobEndsWithTheMoveThatArrivesAfterTheHandoverOrBeforeIt() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember sato = member("佐藤 泰格");
        String lastDay = api(gima).publish("general", "QUESTION", "最終日の質問", "本文");
        String dayAfter = api(gima).publish("general", "QUESTION", "異動後の質問", "本文");
        String answeredOnLastDay = api(sato).publish("general", "QUESTION", "最終日に答えた質問", "本文");
        String lastDayReply = api(gima).reply(answeredOnLastDay, "答えます");
        String answeredAfter = api(sato).publish("general", "QUESTION", "異動後に答えた質問", "本文");
        String afterReply = api(gima).reply(answeredAfter, "県からも答えます");
        // the job: 2023-04-01 .. 2024-03-31 (JST); she moved on 2024-04-01
        moveInTime(lastDay, Instant.parse("2024-03-31T14:59:59.999Z"), null);
        moveInTime(dayAfter, Instant.parse("2024-03-31T15:00:00Z"), null);
        replyAt(lastDayReply, Instant.parse("2024-03-31T14:59:59.999Z"));
        replyAt(afterReply, Instant.parse("2024-03-31T15:00:00Z"));

        // named in March, while she still held the job: it runs up to now until her move arrives
        String handoverId = named(gima, successor, "2023-04-01", null);
        JsonNode ongoing = awaitThreads(successor, handoverId);
        assertThat(postIds(ongoing)).contains(lastDay, dayAfter, answeredOnLastDay, answeredAfter);

        moved(gima, "2023-04-01", "2024-03-31");
        await().atMost(PROJECTION).until(() -> !api(successor).get(threads(handoverId)).json().get("to").isNull());
        JsonNode ended = api(successor).get(threads(handoverId)).json();
        assertThat(ended.get("to").asString()).isEqualTo("2024-03-31");
        assertThat(postIds(ended)).containsExactlyInAnyOrder(lastDay, answeredOnLastDay);

        // the other order: the move is here before the handover (another partition)
        TestMember higa = member("比嘉 健");
        String higasLastDay = api(higa).publish("general", "QUESTION", "比嘉さんの最終日の質問", "本文");
        String higasDayAfter = api(higa).publish("general", "QUESTION", "比嘉さんの異動後の質問", "本文");
        moveInTime(higasLastDay, Instant.parse("2024-03-31T14:59:59.999Z"), null);
        moveInTime(higasDayAfter, Instant.parse("2024-03-31T15:00:00Z"), null);
        String movedEventId = moved(higa, "2023-04-01", "2024-03-31");
        await().atMost(PROJECTION).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is("posts-service.members:" + movedEventId)), "processed_events"));
        String higasHandover = named(higa, successor, "2023-04-01", null);
        JsonNode higas = awaitThreads(successor, higasHandover);
        assertThat(higas.get("to").asString()).isEqualTo("2024-03-31");
        assertThat(postIds(higas)).containsExactly(higasLastDay);
    }

    @Test
    void onlyTheLeaverAndTheSuccessorMayOpenItAndAnUnknownHandoverIsNotThereYet() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        String handoverId = named(gima, successor, "2020-04-01", null);
        awaitThreads(successor, handoverId);
        assertThat(api(gima).get(threads(handoverId)).status()).isEqualTo(200);

        Api.Response third = api(member("第三者")).get(threads(handoverId));
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.contentType()).startsWith("application/problem+json");
        assertThat(api(moderator("運営")).get(threads(handoverId)).status()).isEqualTo(403);
        assertThat(anonymous().get(threads(handoverId)).status()).isEqualTo(401);

        Api.Response unknown = api(successor).get(threads("h-" + UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("まだ届いていません");
    }

    @Test
    void aMemberWhoLeavesTakesTheirHandoversWithThemAndALateHandoverOfAFormerMemberIsIgnored() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember other = member("別の後任");
        String handoverId = named(gima, successor, "2020-04-01", null);
        String second = named(gima, other, "2020-04-01", null);
        awaitThreads(successor, handoverId);
        awaitThreads(other, second);

        members.deactivated(successor);
        await().atMost(PROJECTION).until(() -> api(gima).get(threads(handoverId)).status() == 404);
        assertThat(api(other).get(threads(second)).status()).isEqualTo(200);
        members.deactivated(gima);
        await().atMost(PROJECTION).until(() -> api(other).get(threads(second)).status() == 404);
        assertThat(mongo.count(Query.query(new Criteria().orOperator(Criteria.where("predecessorId").is(gima.id()),
                Criteria.where("successorId").is(successor.id()))), "handovers")).isZero();

        // HandoverNamed is keyed by the handover: it may come after the deactivation (another partition)
        String late = "h-" + UUID.randomUUID();
        String eventId = members.send("HandoverNamed", late, handover(late, gima, other, "2020-04-01", null));
        await().atMost(PROJECTION).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is("posts-service.members:" + eventId)), "processed_events"));
        assertThat(api(other).get(threads(late)).status()).isEqualTo(404);
    }

    private String named(TestMember predecessor, TestMember successor, String from, String to) {
        String handoverId = "h-" + UUID.randomUUID();
        members.send("HandoverNamed", handoverId, handover(handoverId, predecessor, successor, from, to));
        return handoverId;
    }

    private static Map<String, Object> handover(String handoverId, TestMember predecessor, TestMember successor,
                                                String from, String to) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("organization", "久米島町");
        position.put("organizationCode", "473618");
        position.put("department", "福祉課こども班");
        position.put("from", from);
        position.put("to", to);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handoverId", handoverId);
        data.put("predecessorId", predecessor.id());
        data.put("predecessorName", predecessor.displayName());
        data.put("successorId", successor.id());
        data.put("successorName", successor.displayName());
        data.put("position", position);
        data.put("note", "児童手当の質問はまだ回答待ちです。");
        data.put("namedAt", Instant.now().toString());
        data.put("boundAt", Instant.now().toString());
        return data;
    }

    private String moved(TestMember member, String from, String to) {
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("organization", "久米島町");
        previous.put("organizationCode", "473618");
        previous.put("department", "福祉課こども班");
        previous.put("from", from);
        previous.put("to", to);
        String effective = java.time.LocalDate.parse(to).plusDays(1).toString();
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("organization", "沖縄県");
        current.put("organizationCode", "470007");
        current.put("department", "子ども生活福祉部");
        current.put("from", effective);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("previous", previous);
        data.put("current", current);
        data.put("effectiveDate", effective);
        data.put("movedAt", Instant.now().toString());
        return members.send("MemberMoved", member.id(), data);
    }

    private JsonNode awaitThreads(TestMember member, String handoverId) {
        await().atMost(PROJECTION).until(() -> api(member).get(threads(handoverId)).status() == 200);
        return api(member).get(threads(handoverId)).json();
    }

    private static String threads(String handoverId) {
        return "/api/posts/handovers/" + handoverId + "/threads";
    }

    private void moveInTime(String postId, Instant createdAt, Instant lastActivityAt) {
        Update update = new Update();
        if (createdAt != null) {
            update.set("createdAt", Date.from(createdAt)).set("lastActivityAt", Date.from(createdAt));
        }
        if (lastActivityAt != null) {
            update.set("lastActivityAt", Date.from(lastActivityAt));
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)), update, "posts");
    }

    private void replyAt(String replyId, Instant createdAt) {
        await().atMost(PROJECTION).until(() -> mongo.exists(Query.query(Criteria.where("_id").is(replyId)), "replies"));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(replyId)),
                new Update().set("createdAt", Date.from(createdAt)), "replies");
    }

    private static List<String> postIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("postId").asString()));
        return ids;
    }

    private static JsonNode item(JsonNode page, String postId) {
        for (JsonNode item : page.get("items")) {
            if (postId.equals(item.get("postId").asString())) {
                return item;
            }
        }
        throw new AssertionError("no thread " + postId + " in " + page);
    }
}
