package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 「同じような町」: a new person in charge finds the questions that staff of towns like hers asked and solved. Posts and
 * replies are stamped with the organization code their author wrote from; lists and search filter by
 * {@code organizationCodes}: the post's town, or the town of its chosen answer.
 */
class TownsLikeMineApiTest extends MemberEventsTestBase {
    private static final String KUMEJIMA = "473618";
    private static final String NAHA = "472018";
    private static final String MIYAKOJIMA = "472140";
    private static final String NANJO = "472158";

    @Test
    void aSolvedQuestionIsFoundByTheTownOfItsAskerAndByTheTownOfItsAnswerer() {
        TestMember kumejima = member("儀間 さとこ");
        TestMember naha = member("比嘉 けんじ");
        TestMember miyakojima = member("砂川 ゆい");
        TestMember newcomer = member("新任 担当");
        joined(kumejima, "久米島町 福祉課", KUMEJIMA);
        joined(naha, "那覇市 デジタル推進課", NAHA);
        joined(miyakojima, "宮古島市 福祉政策課", MIYAKOJIMA);
        String word = uniqueWord();

        String solved = api(kumejima).publish("general", "QUESTION", "見守り " + word + " の導入",
                "高齢者の見守りに " + word + " を入れたいのですが、どう進めましたか。");
        String answer = api(naha).reply(solved, "那覇では " + word + " の協定を先に結びました。");
        assertThat(api(kumejima).put("/api/posts/" + solved + "/answer", Map.of("replyId", answer)).status())
                .isEqualTo(200);
        String unsolved = api(kumejima).publish("general", "QUESTION", "窓口の案内", "案内表示の工夫はありますか。");
        String elsewhere = api(miyakojima).publish("general", "QUESTION", "見守り " + word + " の費用",
                word + " の費用はどのくらいでしたか。");
        String elsewhereAnswer = api(newcomer).reply(elsewhere, "補助金が使えます。");
        api(miyakojima).put("/api/posts/" + elsewhere + "/answer", Map.of("replyId", elsewhereAnswer));

        // stamped at creation, shown with the post and its answer
        JsonNode view = api(newcomer).get("/api/posts/" + solved).json();
        assertThat(view.get("organizationCodeAtPosting").asString()).isEqualTo(KUMEJIMA);
        assertThat(view.get("answer").get("organizationCodeAtPosting").asString()).isEqualTo(NAHA);
        assertThat(mongo.findById(answer, Document.class, "replies").getString("organizationCodeAtPosting"))
                .isEqualTo(NAHA);
        assertThat(api(newcomer).get("/api/posts/" + elsewhere).json().get("answer").has("organizationCodeAtPosting"))
                .as("answered by a member whose town is unknown").isFalse();

        String solvedQuestions = "/api/posts?kind=QUESTION&solved=true&limit=100&organizationCodes=";
        // by the asker's town, by the answerer's town, by both (once)
        assertThat(ids(api(newcomer).get(solvedQuestions + KUMEJIMA))).contains(solved)
                .doesNotContain(unsolved, elsewhere);
        assertThat(ids(api(newcomer).get(solvedQuestions + NAHA))).contains(solved).doesNotContain(elsewhere);
        List<String> both = ids(api(newcomer).get(solvedQuestions + KUMEJIMA + "," + NAHA));
        assertThat(both).contains(solved).doesNotContain(unsolved, elsewhere);
        assertThat(both.stream().filter(solved::equals)).hasSize(1);
        // another town's solved question is found by its own town only
        assertThat(ids(api(newcomer).get(solvedQuestions + MIYAKOJIMA))).contains(elsewhere).doesNotContain(solved);
        // without solved: every post written from the town (spaces around the codes are fine)
        assertThat(ids(api(newcomer).get("/api/posts?limit=100&organizationCodes=%20" + KUMEJIMA + "%20,"
                + MIYAKOJIMA))).contains(solved, unsolved, elsewhere);
        assertThat(ids(api(newcomer).get("/api/posts?limit=100&solved=false&organizationCodes=" + KUMEJIMA)))
                .contains(unsolved).doesNotContain(solved);

        // search: the words, the towns and solved together; the other town's question has the same words
        String search = "/api/search?q=" + word;
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(postIds(api(newcomer).get(search)))
                .containsExactlyInAnyOrder(solved, elsewhere));
        assertThat(postIds(api(newcomer).get(search + "&solved=true&organizationCodes=" + NAHA)))
                .containsExactly(solved);
        assertThat(postIds(api(newcomer).get(search + "&organizationCodes=" + KUMEJIMA + "," + NAHA)))
                .containsExactly(solved);
        List<JsonNode> hits = api(newcomer).get(search + "&solved=true&organizationCodes=" + KUMEJIMA).items();
        assertThat(hits).extracting(hit -> hit.get("postId").asString()).containsOnly(solved);
        assertThat(hits).as("the answer's text is found too, in its thread")
                .anyMatch(hit -> answer.equals(hit.path("replyId").asString()));
        assertThat(postIds(api(newcomer).get(search + "&organizationCodes=" + MIYAKOJIMA))).containsExactly(elsewhere);
        assertThat(postIds(api(newcomer).get(search + "&solved=false&organizationCodes=" + NAHA))).isEmpty();
        assertThat(postIds(api(newcomer).get(search + "&organizationCodes=999999"))).isEmpty();

        // the asker leaves: her town is erased with her, the answerer's still finds the question
        members.deactivated(kumejima);
        await().atMost(PROJECTION).until(() -> api(newcomer).get("/api/posts/" + solved).json()
                .path("author").path("former").asBoolean());
        assertThat(api(newcomer).get("/api/posts/" + solved).json().has("organizationCodeAtPosting")).isFalse();
        assertThat(mongo.findById(solved, Document.class, "posts").containsKey("organizationCodeAtPosting")).isFalse();
        assertThat(ids(api(newcomer).get(solvedQuestions + KUMEJIMA))).doesNotContain(solved);
        assertThat(ids(api(newcomer).get(solvedQuestions + NAHA))).contains(solved);
        assertThat(postIds(api(newcomer).get(search + "&organizationCodes=" + KUMEJIMA))).isEmpty();
        assertThat(postIds(api(newcomer).get(search + "&organizationCodes=" + NAHA))).containsExactly(solved);

        // the answerer leaves too: nothing of theirs counts for a town any more
        members.deactivated(naha);
        await().atMost(PROJECTION).until(() -> !api(newcomer).get("/api/posts/" + solved).json().path("answer")
                .has("organizationCodeAtPosting"));
        assertThat(ids(api(newcomer).get(solvedQuestions + NAHA))).doesNotContain(solved);
    }

    @Test
    void aTownsListIsPagedLikeEveryList() {
        TestMember kumejima = member("仲村 はるか");
        joined(kumejima, "久米島町 企画課", KUMEJIMA);
        String first = api(kumejima).publish("general", "QUESTION", "一つ目", "本文");
        String second = api(kumejima).publish("general", "DISCUSSION", "二つ目", "本文");
        String third = api(kumejima).publish("general", "IDEA", "三つ目", "本文");
        Api reader = api(member("読む 人"));
        String list = "/api/posts?limit=2&author=" + kumejima.id() + "&organizationCodes=" + KUMEJIMA + "," + NAHA;

        Api.Response page = reader.get(list);
        assertThat(ids(page)).containsExactly(third, second);
        String cursor = page.json().get("nextCursor").asString();
        Api.Response next = reader.get(list + "&cursor=" + Api.encode(cursor));
        assertThat(ids(next)).containsExactly(first);
        assertThat(next.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void badCodesAreRefusedWithTheFieldNamed() {
        Api reader = api(member("読む 人"));
        String tooMany = IntStream.range(0, 51).mapToObj(i -> String.format("47%04d", i))
                .collect(Collectors.joining(","));
        String fifty = IntStream.range(0, 50).mapToObj(i -> String.format("47%04d", i))
                .collect(Collectors.joining(","));
        for (String bad : List.of("", "47361", "4736180", "47361a", "473618,,472018", "473618,", "久米島町",
                tooMany)) {
            for (String path : List.of("/api/posts?organizationCodes=", "/api/search?q=見守り&organizationCodes=")) {
                Api.Response refused = reader.get(path + Api.encode(bad));
                assertThat(refused.status()).as(path + bad).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("organizationCodes");
            }
        }
        assertThat(reader.get("/api/posts?organizationCodes=" + fifty).status()).isEqualTo(200);
        assertThat(reader.get("/api/search?q=見守り&organizationCodes=" + fifty).status()).isEqualTo(200);
        assertThat(anonymous().get("/api/posts?organizationCodes=" + KUMEJIMA).status()).isEqualTo(401);
    }

    @Test
    void postsWrittenBeforeTheCodeWasKnownGetItWhenItArrivesUnlessTheAuthorHasMovedSince() {
        TestMember nanjo = member("大城 みなみ");
        TestMember asker = member("質問 する人");
        // known without a code, as every member was before posts-service kept it
        members.joined(nanjo, "南城市 総務課");
        await().atMost(PROJECTION).until(() -> "南城市 総務課".equals(projected(nanjo).getString("organization")));
        String before = api(nanjo).publish("general", "QUESTION", "文書管理", "電子決裁の範囲は？");
        String question = api(asker).publish("general", "QUESTION", "公印", "公印の電子化は？");
        String answer = api(nanjo).reply(question, "規程を改正しました。");
        api(asker).put("/api/posts/" + question + "/answer", Map.of("replyId", answer));
        assertThat(mongo.findById(before, Document.class, "posts").containsKey("organizationCodeAtPosting")).isFalse();

        // the projection learns the code (the next profile event): what was written there gets it, answers too
        members.profileUpdated(nanjo, "大城 みなみ", "南城市 総務課", NANJO);
        await().atMost(PROJECTION).until(() -> NANJO.equals(mongo.findById(question, Document.class, "posts")
                .get("answer", Document.class).getString("organizationCodeAtPosting")));
        assertThat(mongo.findById(before, Document.class, "posts").getString("organizationCodeAtPosting"))
                .isEqualTo(NANJO);
        assertThat(mongo.findById(answer, Document.class, "replies").getString("organizationCodeAtPosting"))
                .isEqualTo(NANJO);
        assertThat(ids(api(asker).get("/api/posts?limit=100&solved=true&organizationCodes=" + NANJO)))
                .contains(question).doesNotContain(before);
        assertThat(ids(api(asker).get("/api/posts?limit=100&organizationCodes=" + NANJO))).contains(before, question);

        // a move: new posts are stamped with the new town, the old ones keep theirs
        members.profileUpdated(nanjo, "大城 みなみ", "那覇市 総務課", NAHA);
        await().atMost(PROJECTION).until(() -> NAHA.equals(projected(nanjo).getString("organizationCode")));
        String after = api(nanjo).publish("general", "DISCUSSION", "異動しました", "那覇市に来ました。");
        assertThat(api(asker).get("/api/posts/" + after).json().get("organizationCodeAtPosting").asString())
                .isEqualTo(NAHA);
        assertThat(api(asker).get("/api/posts/" + before).json().get("organizationCodeAtPosting").asString())
                .isEqualTo(NANJO);

        // a profile update that clears the code clears it in the projection: nothing is stamped from then on
        members.profileUpdated(nanjo, "大城 みなみ", "那覇市 総務課", null);
        await().atMost(PROJECTION).until(() -> projected(nanjo).get("organizationCode") == null);
        String unknown = api(nanjo).publish("general", "DISCUSSION", "コードなし", "本文");
        assertThat(api(asker).get("/api/posts/" + unknown).json().has("organizationCodeAtPosting")).isFalse();
        assertThat(api(asker).get("/api/posts/" + after).json().get("organizationCodeAtPosting").asString())
                .isEqualTo(NAHA);
    }

    @Test
    void aPostWrittenElsewhereBeforeTheCodeWasKnownStaysWithout() {
        TestMember mover = member("金城 たける");
        members.joined(mover, "久米島町 福祉課");
        await().atMost(PROJECTION).until(() -> projected(mover) != null
                && "久米島町 福祉課".equals(projected(mover).getString("organization")));
        String inKumejima = api(mover).publish("general", "QUESTION", "見守り", "本文");
        // moved to Naha: the first code the projection learns is Naha's, which the Kumejima post must not get
        members.profileUpdated(mover, "金城 たける", "那覇市 福祉課", NAHA);
        await().atMost(PROJECTION).until(() -> NAHA.equals(projected(mover).getString("organizationCode")));
        String inNaha = api(mover).publish("general", "DISCUSSION", "異動後", "本文");
        assertThat(mongo.findById(inNaha, Document.class, "posts").getString("organizationCodeAtPosting"))
                .isEqualTo(NAHA);
        assertThat(mongo.findById(inKumejima, Document.class, "posts").containsKey("organizationCodeAtPosting"))
                .isFalse();
    }

    private void joined(TestMember member, String organization, String code) {
        members.joined(member, organization, code);
        await().atMost(PROJECTION).until(() -> projected(member) != null
                && code.equals(projected(member).getString("organizationCode"))
                && Boolean.TRUE.equals(projected(member).getBoolean("active")));
    }

    private Document projected(TestMember member) {
        return mongo.findById(member.id(), Document.class, "members");
    }

    /** A word (letters only: one token) that no other test writes, so the hits are these posts only. */
    private static String uniqueWord() {
        return "tw" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").replaceAll("(.)", "$1x");
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(item -> item.get("id").asString()).toList();
    }

    /** The posts among the hits, once each. */
    private static List<String> postIds(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(hit -> hit.get("postId").asString()).distinct().toList();
    }
}
