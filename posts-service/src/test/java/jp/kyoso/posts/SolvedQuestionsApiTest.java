package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEvents;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Solved questions (解決済み): the asker or a moderator chooses the reply that answers a question; posts, replies,
 * feeds and search show it; QuestionSolved and QuestionReopened leave through the post's outbox.
 */
class SolvedQuestionsApiTest extends PostsServiceTest {
    private static final Duration EVENTS = Duration.ofSeconds(20);

    @Test
    void theAskerChoosesAReplyAndThePostTheThreadAndTheListsShowIt() {
        TestMember asker = member("質問 する人");
        TestMember helper = member("答える 人");
        TestMember reader = member("読む 人");
        String question = api(asker).publish("general", "QUESTION", "公用車の予約はどうしていますか",
                "台数が少なく予約が重なります。");
        String answer = api(helper).reply(question, "**共有カレンダー**で予約を受け付けています。" + "あ".repeat(300));
        String other = api(helper).reply(question, "補足です。");
        assertThat(api(reader).get("/api/posts/" + question).json().get("solved").asBoolean()).isFalse();
        assertThat(api(reader).get("/api/posts/" + question).json().has("answer")).isFalse();

        Api.Response chosen = api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", answer));
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        JsonNode view = chosen.json();
        assertThat(view.get("id").asString()).isEqualTo(question);
        assertThat(view.get("solved").asBoolean()).isTrue();
        JsonNode shown = view.get("answer");
        assertThat(shown.get("replyId").asString()).isEqualTo(answer);
        assertThat(shown.get("author").get("id").asString()).isEqualTo(helper.id());
        assertThat(shown.get("author").get("displayName").asString()).isEqualTo("答える 人");
        assertThat(shown.get("excerpt").asString()).startsWith("共有カレンダーで予約を受け付けています。").hasSize(200);
        assertThat(shown.get("chosenBy").asString()).isEqualTo(asker.id());
        assertThat(shown.get("chosenAt").asString()).endsWith("Z");

        // everybody sees it: the post, the thread, the feed
        assertThat(api(reader).get("/api/posts/" + question).json().get("answer").get("replyId").asString())
                .isEqualTo(answer);
        List<JsonNode> replies = api(reader).get("/api/posts/" + question + "/replies").items();
        assertThat(replies).extracting(r -> r.get("id").asString()).containsExactly(answer, other);
        assertThat(replies.get(0).get("isAnswer").asBoolean()).isTrue();
        assertThat(replies.get(1).get("isAnswer").asBoolean()).isFalse();
        JsonNode inFeed = api(reader).get("/api/posts?author=" + asker.id()).items().get(0);
        assertThat(inFeed.get("solved").asBoolean()).isTrue();
        assertThat(inFeed.get("answer").get("replyId").asString()).isEqualTo(answer);

        // a post of another kind is neither solved nor unsolved
        String idea = api(asker).publish("general", "IDEA", "アイデア", "本文");
        JsonNode ideaView = api(reader).get("/api/posts/" + idea).json();
        assertThat(ideaView.has("solved")).isFalse();
        assertThat(ideaView.has("answer")).isFalse();
    }

    @Test
    void onlyTheAskerOrAModeratorChoosesOrTakesBackTheAnswer() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答者");
        TestMember stranger = member("通りすがり");
        String question = api(asker).publish("general", "QUESTION", "窓口の混雑対策", "本文");
        String reply = api(helper).reply(question, "整理券を配っています。");

        for (TestMember notAllowed : List.of(stranger, helper)) {
            Api.Response refused = api(notAllowed).put("/api/posts/" + question + "/answer", Map.of("replyId", reply));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("回答を選べるのは質問した人とモデレーターだけです / Only the asker or a moderator can choose the answer");
            assertThat(api(notAllowed).delete("/api/posts/" + question + "/answer").status()).isEqualTo(403);
        }
        assertThat(api(stranger).get("/api/posts/" + question).json().get("solved").asBoolean()).isFalse();

        Api.Response byModerator = api(moderator("運営")).put("/api/posts/" + question + "/answer",
                Map.of("replyId", reply));
        assertThat(byModerator.status()).as(byModerator.body()).isEqualTo(200);
        assertThat(byModerator.json().get("answer").get("chosenBy").asString()).isNotEqualTo(asker.id());
        assertThat(api(stranger).delete("/api/posts/" + question + "/answer").status()).isEqualTo(403);
        assertThat(api(stranger).get("/api/posts/" + question).json().get("solved").asBoolean()).isTrue();

        Api.Response byAdmin = api(admin("管理者")).delete("/api/posts/" + question + "/answer");
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.json().get("solved").asBoolean()).isFalse();
        assertThat(byAdmin.json().has("answer")).isFalse();
        assertThat(anonymous().put("/api/posts/" + question + "/answer", Map.of("replyId", reply)).status())
                .isEqualTo(401);
    }

    @Test
    void badChoicesAreRefusedAndChangeNothing() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答者");
        TestMember manager = moderator("運営");
        String question = api(asker).publish("general", "QUESTION", "質問", "本文");
        String reply = api(helper).reply(question, "回答");
        String idea = api(asker).publish("general", "IDEA", "アイデア", "本文");
        String replyToIdea = api(helper).reply(idea, "賛成です");

        Api.Response notAQuestion = api(asker).put("/api/posts/" + idea + "/answer", Map.of("replyId", replyToIdea));
        assertThat(notAQuestion.status()).isEqualTo(422);
        assertThat(notAQuestion.contentType()).startsWith("application/problem+json");
        assertThat(api(asker).delete("/api/posts/" + idea + "/answer").status()).isEqualTo(422);

        Api.Response elsewhere = api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", replyToIdea));
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.json().get("errors").get(0).get("field").asString()).isEqualTo("replyId");
        assertThat(api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", "no-such-reply")).status())
                .isEqualTo(422);
        Api.Response missing = api(asker).put("/api/posts/" + question + "/answer", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(api(asker).put("/api/posts/no-such-post/answer", Map.of("replyId", reply)).status()).isEqualTo(404);
        assertThat(api(asker).get("/api/posts/" + question).json().get("solved").asBoolean()).isFalse();

        // hidden: gone for the asker; moderators see it, but a hidden thread takes no changes
        assertThat(api(manager).post("/api/posts/" + question + "/hide", Map.of()).status()).isEqualTo(204);
        assertThat(api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", reply)).status())
                .isEqualTo(404);
        Api.Response hidden = api(manager).put("/api/posts/" + question + "/answer", Map.of("replyId", reply));
        assertThat(hidden.status()).isEqualTo(409);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
        assertThat(api(manager).post("/api/posts/" + question + "/unhide", Map.of()).status()).isEqualTo(204);

        assertThat(api(asker).delete("/api/posts/" + question).status()).isEqualTo(204);
        assertThat(api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", reply)).status())
                .isEqualTo(404);
        assertThat(api(manager).delete("/api/posts/" + question + "/answer").status()).isEqualTo(404);
    }

    @Test
    void eachChangeOfTheAnswerIsOneEventAndRepeatsWriteNone() {
        TestMember asker = member("質問者");
        TestMember first = member("最初の回答者");
        TestMember second = member("次の回答者");
        String question = api(asker).publish("general", "QUESTION", "ふるさと納税の返礼品の選び方", "本文");
        String firstReply = api(first).reply(question, "地場産品を優先しています。");
        String secondReply = api(second).reply(question, "事業者の公募で選んでいます。");
        String path = "/api/posts/" + question + "/answer";

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            assertThat(api(asker).put(path, Map.of("replyId", firstReply)).status()).isEqualTo(200);
            // the same answer again: 200 and nothing written
            Api.Response again = api(asker).put(path, Map.of("replyId", firstReply));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("answer").get("replyId").asString()).isEqualTo(firstReply);
            // another reply replaces it
            Api.Response replaced = api(asker).put(path, Map.of("replyId", secondReply));
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(replaced.json().get("answer").get("replyId").asString()).isEqualTo(secondReply);
            assertThat(replaced.json().get("answer").get("author").get("id").asString()).isEqualTo(second.id());
            List<JsonNode> replies = api(asker).get("/api/posts/" + question + "/replies").items();
            assertThat(replies).extracting(r -> r.get("isAnswer").asBoolean()).containsExactly(false, true);
            // taken back, then taken back again: 200 both times, one event
            Api.Response takenBack = api(asker).delete(path);
            assertThat(takenBack.status()).isEqualTo(200);
            assertThat(takenBack.json().get("solved").asBoolean()).isFalse();
            assertThat(takenBack.json().has("answer")).isFalse();
            assertThat(api(asker).delete(path).status()).isEqualTo(200);
            assertThat(api(asker).get("/api/posts/" + question + "/replies").items())
                    .extracting(r -> r.get("isAnswer").asBoolean()).containsExactly(false, false);

            probe.awaitRecords(r -> PostsEvents.QUESTION_REOPENED.equals(r.type()) && question.equals(r.key()),
                    EVENTS);
            List<TopicProbe.Received> events = probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> question.equals(r.key()))
                    .filter(r -> r.type().contains(".Question")).toList();
            assertThat(events).extracting(TopicProbe.Received::type).containsExactly(PostsEvents.QUESTION_SOLVED,
                    PostsEvents.QUESTION_SOLVED, PostsEvents.QUESTION_REOPENED);
            for (TopicProbe.Received event : events) {
                assertThat(event.headers()).containsEntry("ce_source", "/kyoso/posts-service")
                        .containsEntry("ce_subject", question).containsKey("ce_id").containsKey("ce_time");
            }

            JsonNode solved = Api.JSON.readTree(events.get(0).value());
            assertThat(fields(solved)).containsExactly("postId", "channelSlug", "title", "questionAuthorId",
                    "replyId", "replyAuthorId", "chosenBy", "chosenAt");
            assertThat(solved.get("postId").asString()).isEqualTo(question);
            assertThat(solved.get("channelSlug").asString()).isEqualTo("general");
            assertThat(solved.get("title").asString()).isEqualTo("ふるさと納税の返礼品の選び方");
            assertThat(solved.get("questionAuthorId").asString()).isEqualTo(asker.id());
            assertThat(solved.get("replyId").asString()).isEqualTo(firstReply);
            assertThat(solved.get("replyAuthorId").asString()).isEqualTo(first.id());
            assertThat(solved.get("chosenBy").asString()).isEqualTo(asker.id());
            assertThat(solved.get("chosenAt").asString()).endsWith("Z");
            JsonNode replacement = Api.JSON.readTree(events.get(1).value());
            assertThat(replacement.get("replyId").asString()).isEqualTo(secondReply);
            assertThat(replacement.get("replyAuthorId").asString()).isEqualTo(second.id());

            JsonNode reopened = Api.JSON.readTree(events.get(2).value());
            assertThat(fields(reopened)).containsExactly("postId", "replyId", "by", "at");
            assertThat(reopened.get("replyId").asString()).isEqualTo(secondReply);
            assertThat(reopened.get("by").asString()).isEqualTo(asker.id());
        }
    }

    @Test
    void feedsFilterSolvedAndUnsolvedQuestions() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答者");
        String solved = api(asker).publish("general", "QUESTION", "解決した質問", "本文");
        api(asker).put("/api/posts/" + solved + "/answer", Map.of("replyId", api(helper).reply(solved, "回答")));
        String unsolved = api(asker).publish("general", "QUESTION", "未解決の質問", "本文");
        api(helper).reply(unsolved, "わかりません");
        String discussion = api(asker).publish("general", "DISCUSSION", "雑談", "本文");
        Api reader = api(member("読む人"));
        String mine = "/api/posts?author=" + asker.id();

        assertThat(ids(reader.get(mine))).containsExactly(discussion, unsolved, solved);
        assertThat(ids(reader.get(mine + "&solved=true"))).containsExactly(solved);
        assertThat(ids(reader.get(mine + "&solved=false"))).containsExactly(unsolved);
        assertThat(ids(reader.get(mine + "&solved=false&kind=QUESTION&channel=general"))).containsExactly(unsolved);
        assertThat(ids(reader.get(mine + "&solved=true&kind=DISCUSSION"))).isEmpty();
        assertThat(reader.get(mine + "&solved=maybe").status()).isEqualTo(400);

        api(asker).delete("/api/posts/" + solved + "/answer");
        assertThat(ids(reader.get(mine + "&solved=false"))).containsExactly(unsolved, solved);
        assertThat(ids(reader.get(mine + "&solved=true"))).isEmpty();
    }

    @Test
    void searchShowsTheBadgeFiltersAndRanksASolvedQuestionAboveAnEquallyRelevantUnsolvedOne() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答者");
        Api reader = api(member("探す人"));
        // a word (letters only: one token) that no other test writes, so the hits are these posts only
        String word = "kq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").replaceAll("(.)", "$1z");
        String older = api(asker).publish("general", "QUESTION", "庁内 " + word + " の運用", "庁内で " + word + " をどう運用していますか。");
        String newer = api(asker).publish("general", "QUESTION", "庁内 " + word + " の運用", "庁内で " + word + " をどう運用していますか。");
        String discussion = api(asker).publish("general", "DISCUSSION", "雑談", "最近 " + word + " を試しました。");
        String answer = api(helper).reply(older, "手順書を共有します。");
        String search = "/api/search?q=" + word;

        // equally relevant: the newer first
        await().atMost(EVENTS).untilAsserted(() -> assertThat(postHits(reader.get(search)))
                .extracting(h -> h.get("postId").asString()).containsExactly(newer, older, discussion));
        List<JsonNode> before = postHits(reader.get(search));
        assertThat(before.get(0).get("solved").asBoolean()).isFalse();
        assertThat(before.get(2).has("solved")).isFalse();

        assertThat(api(asker).put("/api/posts/" + older + "/answer", Map.of("replyId", answer)).status())
                .isEqualTo(200);
        // the solved one is first now, with its badge
        await().atMost(EVENTS).untilAsserted(() -> assertThat(postHits(reader.get(search)))
                .extracting(h -> h.get("postId").asString()).containsExactly(older, newer, discussion));
        List<JsonNode> after = postHits(reader.get(search));
        assertThat(after.get(0).get("solved").asBoolean()).isTrue();
        assertThat(after.get(1).get("solved").asBoolean()).isFalse();
        assertThat(after.get(0).get("score").asDouble()).isGreaterThan(after.get(1).get("score").asDouble());

        assertThat(postHits(reader.get(search + "&solved=true"))).extracting(h -> h.get("postId").asString())
                .containsExactly(older);
        assertThat(postHits(reader.get(search + "&solved=false"))).extracting(h -> h.get("postId").asString())
                .containsExactly(newer);
        assertThat(postHits(reader.get(search + "&solved=true&kind=DISCUSSION"))).isEmpty();

        api(asker).delete("/api/posts/" + older + "/answer");
        await().atMost(EVENTS).untilAsserted(() -> assertThat(postHits(reader.get(search)))
                .extracting(h -> h.get("postId").asString()).containsExactly(newer, older, discussion));
        assertThat(postHits(reader.get(search + "&solved=true"))).isEmpty();
    }

    @Test
    void theAnswersAuthorFollowsTheirProfileAndIsErasedWhenTheyLeave() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答 する人");
        String question = api(asker).publish("general", "QUESTION", "質問", "本文");
        String reply = api(helper).reply(question, "回答");
        api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", reply));
        try (MemberEvents members = new MemberEvents(kafka())) {
            members.joined(helper, "答市");
            members.profileUpdated(helper, "回答 名人", "答市 企画課");
            await().atMost(Duration.ofSeconds(30)).until(() -> "回答 名人".equals(answerAuthor(asker, question)
                    .path("displayName").asString()));
            assertThat(answerAuthor(asker, question).get("organization").asString()).isEqualTo("答市 企画課");
            members.deactivated(helper);
            await().atMost(Duration.ofSeconds(30)).until(() -> answerAuthor(asker, question).path("former").asBoolean());
            assertThat(answerAuthor(asker, question).get("displayName").asString()).isEqualTo("退会したメンバー");
        }
    }

    private JsonNode answerAuthor(TestMember viewer, String postId) {
        return api(viewer).get("/api/posts/" + postId).json().get("answer").get("author");
    }

    private static List<JsonNode> postHits(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().filter(hit -> !hit.has("replyId")).toList();
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
