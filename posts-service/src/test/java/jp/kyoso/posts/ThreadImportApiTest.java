package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/moderation/imports}: an administrator brings threads from another platform's history (a Slack
 * export, converted) in through posts-service's own write, with their events; the same batch sent again writes
 * nothing twice, and a batch with one bad thread writes nothing at all.
 */
class ThreadImportApiTest extends MemberEventsTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant ASKED = Instant.parse("2019-04-01T00:30:00Z");

    private TestMember admin;
    private TestMember asker;
    private TestMember answerer;
    private String channel;
    private String source;

    @BeforeEach
    void community() {
        admin = admin("取込 管理");
        asker = member("取込 質問者");
        answerer = member("取込 回答者");
        members.joined(asker, "久米島町");
        members.joined(answerer, "都城市");
        await().atMost(PROJECTION).until(() -> known(asker) && known(answerer));
        channel = "import-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api(admin).post("/api/channels", Map.of("slug", channel, "name", "取込",
                "postingPolicy", "OPEN"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        source = "slack-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anImportedThreadReadsLikeAnyOtherWithItsOwnTimesAndIsCountedAndSearchable() {
        String marker = "取込目印" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> question = thread("1554078600.000100", "QUESTION", "住民票の広域交付について " + marker,
                "住民票の広域交付はどう運用していますか。@" + answerer.handle(), asker, ASKED,
                reply("1554078900.000200", answerer, "当町では窓口で本人確認をしています。", ASKED.plusSeconds(300)),
                reply("1554079200.000300", asker, "ありがとうございます。", ASKED.plusSeconds(600)));
        Map<String, Object> idea = thread("1554165000.000100", "IDEA", "窓口の待ち時間の見える化", "番号札を共有しましょう。",
                answerer, ASKED.plusSeconds(86_400));

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response result = importThreads(question, idea);
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            assertThat(result.json().get("threadsImported").asInt()).isEqualTo(2);
            assertThat(result.json().get("repliesImported").asInt()).isEqualTo(2);
            assertThat(result.json().get("threadsAlreadyImported").asInt()).isZero();
            String postId = result.json().get("postIds").get(0).asString();

            JsonNode post = api(asker).get("/api/posts/" + postId).json();
            assertThat(post.get("title").asString()).isEqualTo("住民票の広域交付について " + marker);
            assertThat(post.get("author").get("displayName").asString()).isEqualTo("取込 質問者");
            assertThat(Instant.parse(post.get("createdAt").asString())).isEqualTo(ASKED);
            assertThat(post.get("replyCount").asInt()).isEqualTo(2);
            List<JsonNode> replies = api(asker).get("/api/posts/" + postId + "/replies").items();
            assertThat(replies).extracting(r -> r.get("body").asString())
                    .containsExactly("当町では窓口で本人確認をしています。", "ありがとうございます。");
            assertThat(Instant.parse(replies.get(0).get("createdAt").asString())).isEqualTo(ASKED.plusSeconds(300));
            // answered by someone else: not on the moderators' unanswered list
            assertThat(mongo.findById(postId, Document.class, "posts").getDate("firstAnswerAt").toInstant())
                    .isEqualTo(ASKED.plusSeconds(300));

            List<JsonNode> bodies = await().atMost(WAIT).until(() -> probe.awaitRecords(
                    r -> postId.equals(r.key()), WAIT).stream().map(r -> Api.JSON.readTree(r.value())).toList(),
                    received -> received.size() == 3);
            assertThat(bodies).extracting(body -> body.has("replyId")).containsExactly(false, true, true);
            assertThat(bodies).allSatisfy(body -> assertThat(body.get("imported").asBoolean()).isTrue());
            assertThat(bodies.get(0).get("mentionedMemberIds").get(0).asString()).isEqualTo(answerer.id());
        }

        await().atMost(WAIT).until(() -> channelCount() == 2);
        await().atMost(WAIT).until(() -> !api(asker).get("/api/search?q=" + Api.encode(marker)).items().isEmpty());
    }

    @Test
    void theSameBatchSentAgainWritesNothingTwice() {
        Map<String, Object> first = thread("1600000000.000100", "DISCUSSION", "再送されるスレッド", "本文です。", asker,
                ASKED, reply("1600000100.000200", answerer, "返信です。", ASKED.plusSeconds(100)));
        Api.Response once = importThreads(first);
        assertThat(once.status()).as(once.body()).isEqualTo(200);

        Map<String, Object> second = thread("1600000500.000100", "DISCUSSION", "新しいスレッド", "本文です。", answerer,
                ASKED.plusSeconds(500));
        Api.Response again = importThreads(first, second);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("threadsImported").asInt()).isEqualTo(1);
        assertThat(again.json().get("threadsAlreadyImported").asInt()).isEqualTo(1);
        String postId = once.json().get("postIds").get(0).asString();
        assertThat(again.json().get("postIds").get(0).asString()).isEqualTo(postId);

        assertThat(api(asker).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(1);
        assertThat(api(asker).get("/api/posts/" + postId + "/replies").items()).hasSize(1);
        assertThat(api(asker).get("/api/posts?channel=" + channel + "&limit=100").items()).hasSize(2);
        await().atMost(WAIT).until(() -> channelCount() == 2);
    }

    @Test
    void aBatchWithOneBadThreadWritesNothing() {
        Map<String, Object> good = thread("1.1", "DISCUSSION", "正しいスレッド", "本文です。", asker, ASKED);
        TestMember stranger = member("取込 未登録");
        Map<String, Object> unknownAuthor = thread("1.2", "DISCUSSION", "知らない人", "本文です。", stranger, ASKED);

        Api.Response refused = importThreads(good, unknownAuthor);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("threads[1].authorId");

        Map<String, Object> blankReply = thread("1.3", "DISCUSSION", "空の返信", "本文です。", asker, ASKED,
                reply("1.4", answerer, " ", ASKED.plusSeconds(1)));
        Api.Response blank = importThreads(good, blankReply);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("threads[1].replies[0].body");

        Map<String, Object> beforeItsThread = thread("1.5", "DISCUSSION", "順序", "本文です。", asker, ASKED,
                reply("1.6", answerer, "先に書かれた返信", ASKED.minusSeconds(60)));
        assertThat(importThreads(good, beforeItsThread).status()).isEqualTo(400);
        Map<String, Object> future = thread("1.7", "DISCUSSION", "未来", "本文です。", asker,
                Instant.now().plus(Duration.ofDays(1)));
        assertThat(importThreads(good, future).status()).isEqualTo(400);
        Map<String, Object> elsewhere = new LinkedHashMap<>(good);
        elsewhere.put("channel", "no-such-channel-" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(importThreads(elsewhere).status()).isEqualTo(422);

        assertThat(api(asker).get("/api/posts?channel=" + channel + "&limit=100").items()).isEmpty();
    }

    @Test
    void onlyAdministratorsImport() {
        Map<String, Object> thread = thread("2.1", "DISCUSSION", "権限", "本文です。", asker, ASKED);
        Api.Response byModerator = api(moderator("取込 モデレーター")).post("/api/moderation/imports",
                Map.of("source", source, "threads", List.of(thread)));
        assertThat(byModerator.status()).isEqualTo(403);
        Api.Response badSource = api(admin).post("/api/moderation/imports",
                Map.of("source", "Slack Export!", "threads", List.of(thread)));
        assertThat(badSource.status()).isEqualTo(400);
        assertThat(api(asker).get("/api/posts?channel=" + channel + "&limit=100").items()).isEmpty();
    }

    private Api.Response importThreads(Map<?, ?>... threads) {
        return api(admin).post("/api/moderation/imports", Map.of("source", source, "threads", List.of(threads)));
    }

    private Map<String, Object> thread(String externalId, String kind, String title, String body, TestMember author,
                                       Instant at, Map<?, ?>... replies) {
        Map<String, Object> thread = new LinkedHashMap<>();
        thread.put("externalId", externalId);
        thread.put("channel", channel);
        thread.put("kind", kind);
        thread.put("title", title);
        thread.put("body", body);
        thread.put("tags", List.of());
        thread.put("authorId", author.id());
        thread.put("createdAt", at.toString());
        thread.put("replies", List.of(replies));
        return thread;
    }

    private static Map<String, Object> reply(String externalId, TestMember author, String body, Instant at) {
        return Map.of("externalId", externalId, "authorId", author.id(), "body", body, "createdAt", at.toString());
    }

    private boolean known(TestMember member) {
        Document projected = mongo.findById(member.id(), Document.class, "members");
        return projected != null && projected.getString("displayName") != null;
    }

    private long channelCount() {
        Object count = mongo.findById(channel, Document.class, "channels").get("postCount");
        return count == null ? 0 : ((Number) count).longValue();
    }
}
