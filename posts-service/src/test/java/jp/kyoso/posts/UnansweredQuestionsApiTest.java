package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * The moderators' unanswered questions, answer times and suggested answerers. Ages are set by moving a question's
 * creation time back in the database, never by waiting.
 */
class UnansweredQuestionsApiTest extends PostsServiceTest {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    MongoTemplate mongo;

    @Test
    void questionsWithNoReplyButTheAuthorsAreListedOldestFirstAfterTheThreshold() {
        TestMember asker = member("質問 する人");
        TestMember helper = member("答える 人");
        TestMember manager = moderator("運営");
        String oldest = api(asker).publish("general", "QUESTION", "一番古い未回答の質問", "誰か教えてください。");
        String onlyAuthor = api(asker).publish("general", "QUESTION", "自分しか返信していない質問", "補足します。");
        api(asker).reply(onlyAuthor, "補足: 町の規模は 5,000 人です。");
        String answered = api(asker).publish("general", "QUESTION", "回答された質問", "本文");
        api(helper).reply(answered, "うちではこうしています。");
        String recent = api(asker).publish("general", "QUESTION", "投稿したばかりの質問", "本文");
        String idea = api(asker).publish("general", "IDEA", "質問ではない投稿", "本文");
        age(oldest, Duration.ofHours(100));
        age(onlyAuthor, Duration.ofHours(72));
        age(answered, Duration.ofHours(80));
        age(idea, Duration.ofHours(90));
        age(recent, Duration.ofHours(1));

        List<JsonNode> overTwoDays = all(api(manager), "/api/moderation/unanswered?olderThanHours=48");
        List<String> ids = overTwoDays.stream().map(q -> q.get("postId").asString()).toList();
        assertThat(ids).contains(oldest, onlyAuthor).doesNotContain(answered, recent, idea);
        assertThat(ids.indexOf(oldest)).isLessThan(ids.indexOf(onlyAuthor));
        JsonNode first = overTwoDays.get(ids.indexOf(oldest));
        assertThat(first.get("title").asString()).isEqualTo("一番古い未回答の質問");
        assertThat(first.get("channel").asString()).isEqualTo("general");
        assertThat(first.get("author").get("id").asString()).isEqualTo(asker.id());
        assertThat(first.get("ageHours").asLong()).isEqualTo(100);
        assertThat(first.get("createdAt").asString()).endsWith("Z");

        // the default threshold is 48 hours (kyoso.moderation.unanswered-after)
        List<String> byDefault = all(api(manager), "/api/moderation/unanswered").stream()
                .map(q -> q.get("postId").asString()).toList();
        assertThat(byDefault).contains(oldest, onlyAuthor).doesNotContain(recent);
        List<String> anyAge = all(api(manager), "/api/moderation/unanswered?olderThanHours=0").stream()
                .map(q -> q.get("postId").asString()).toList();
        assertThat(anyAge).contains(oldest, onlyAuthor, recent).doesNotContain(answered);
        assertThat(all(api(manager), "/api/moderation/unanswered?olderThanHours=90").stream()
                .map(q -> q.get("postId").asString()).toList()).contains(oldest).doesNotContain(onlyAuthor);

        // an answer takes it off the list
        api(helper).reply(onlyAuthor, "参考になれば。");
        assertThat(all(api(manager), "/api/moderation/unanswered?olderThanHours=48").stream()
                .map(q -> q.get("postId").asString()).toList()).doesNotContain(onlyAuthor);
        assertThat(api(manager).get("/api/moderation/unanswered?olderThanHours=-1").status()).isEqualTo(400);
    }

    @Test
    void plainMembersAreRefusedEveryModeratorView() {
        TestMember plain = member("一般");
        String question = api(plain).publish("general", "QUESTION", "質問", "本文");
        for (String path : List.of("/api/moderation/unanswered", "/api/moderation/answer-times",
                "/api/posts/" + question + "/suggested-answerers")) {
            Api.Response refused = api(plain).get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void answerTimesGiveTheMedianAndP90PerJapaneseWeek() {
        TestMember asker = member("質問者");
        TestMember helper = member("回答者");
        LocalDate monday = LocalDate.now(JAPAN).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(8);
        Instant asked = monday.atTime(10, 0).atZone(JAPAN).toInstant();
        for (int hours : new int[] {1, 2, 3, 10}) {
            String id = api(asker).publish("general", "QUESTION", "回答まで " + hours + " 時間", "本文");
            api(helper).reply(id, "回答です。");
            setTimes(id, asked, asked.plus(Duration.ofHours(hours)));
        }
        String unanswered = api(asker).publish("general", "QUESTION", "答えのない質問", "本文");
        api(asker).reply(unanswered, "自分で補足。");
        setTimes(unanswered, asked, null);
        // the Monday 00:30 in Japan is still Sunday in UTC: it belongs to the Japanese week
        String earlyMonday = api(asker).publish("general", "QUESTION", "月曜の未明の質問", "本文");
        setTimes(earlyMonday, monday.atTime(0, 30).atZone(JAPAN).toInstant(), null);

        Api.Response response = api(moderator("運営")).get("/api/moderation/answer-times?weeks=12");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> weeks = new ArrayList<>();
        response.json().get("weeks").forEach(weeks::add);
        assertThat(weeks).hasSize(12);
        assertThat(weeks.get(11).get("weekStart").asString()).isEqualTo(monday.plusWeeks(8).toString());
        JsonNode week = weeks.get(3);
        assertThat(week.get("weekStart").asString()).isEqualTo(monday.toString());
        assertThat(week.get("questions").asInt()).isEqualTo(6);
        assertThat(week.get("answered").asInt()).isEqualTo(4);
        assertThat(week.get("medianHours").asDouble()).isEqualTo(2.5);
        assertThat(week.get("p90Hours").asDouble()).isEqualTo(7.9);
        JsonNode empty = weeks.get(1);
        assertThat(empty.get("questions").asInt()).isZero();
        assertThat(empty.get("answered").asInt()).isZero();
        assertThat(empty.get("medianHours").isNull()).isTrue();
        assertThat(empty.get("p90Hours").isNull()).isTrue();
        assertThat(api(moderator("運営")).get("/api/moderation/answer-times?weeks=0").status()).isEqualTo(400);
    }

    @Test
    void suggestedAnswerersAreMembersWhoAnsweredSimilarQuestionsNeverTheAuthor() {
        TestMember asker = member("新しい 質問者");
        TestMember expert = member("窓口 詳しい人");
        TestMember occasional = member("ときどき 答える人");
        TestMember unrelated = member("公用車 担当");
        TestMember other = member("別の 質問者");
        String similarA = api(other).publish("general", "QUESTION", "マイナンバーカードの交付予約システムはどれを使っていますか",
                "交付窓口の予約システムを比較しています。");
        String similarB = api(other).publish("general", "QUESTION", "マイナンバーカード交付窓口の混雑対策",
                "予約システムの導入で交付の待ち時間は減りましたか。");
        String unrelatedQuestion = api(other).publish("general", "QUESTION", "公用車の運行管理",
                "公用車の点検記録をどう管理していますか。");
        api(expert).reply(similarA, "うちは予約システムを入れました。");
        api(expert).reply(similarB, "予約制で待ち時間が半分になりました。");
        api(occasional).reply(similarA, "比較表を共有します。");
        api(asker).reply(similarB, "同じことで悩んでいます。");
        api(other).reply(similarA, "ありがとうございます。");
        api(unrelated).reply(unrelatedQuestion, "表計算で管理しています。");
        String question = api(asker).publish("general", "QUESTION", "マイナンバーカード交付の予約システムの選び方",
                "交付窓口の予約システムを選ぶときの観点を教えてください。");

        TestMember manager = moderator("運営");
        String path = "/api/posts/" + question + "/suggested-answerers?limit=5";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api(manager).get(path).items())
                .extracting(s -> s.get("memberId").asString()).startsWith(expert.id(), occasional.id()));
        List<JsonNode> suggestions = api(manager).get(path).items();
        assertThat(suggestions).extracting(s -> s.get("memberId").asString())
                .containsExactly(expert.id(), occasional.id());
        JsonNode best = suggestions.get(0);
        assertThat(best.get("answeredCount").asInt()).isEqualTo(2);
        assertThat(best.get("handle").asString()).isEqualTo(expert.handle());
        assertThat(best.get("displayName").asString()).isEqualTo("窓口 詳しい人");
        assertThat(best.get("examplePostId").asString()).isIn(similarA, similarB);
        assertThat(suggestions.get(1).get("answeredCount").asInt()).isEqualTo(1);
        assertThat(suggestions.get(1).get("examplePostId").asString()).isEqualTo(similarA);
        assertThat(api(manager).get("/api/posts/no-such-post/suggested-answerers").status()).isEqualTo(404);
    }

    private void age(String postId, Duration age) {
        Instant createdAt = Instant.now().minus(age).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)),
                new Update().set("createdAt", Date.from(createdAt)), "posts");
    }

    private void setTimes(String postId, Instant createdAt, Instant firstAnswerAt) {
        Update update = new Update().set("createdAt", Date.from(createdAt));
        if (firstAnswerAt != null) {
            update.set("firstAnswerAt", Date.from(firstAnswerAt));
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)), update, "posts");
    }

    private static List<JsonNode> all(Api api, String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            items.addAll(page.items());
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return items;
    }
}
