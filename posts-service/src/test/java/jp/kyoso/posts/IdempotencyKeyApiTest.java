package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** A retried POST with the same Idempotency-Key is stored once and answers the first result (README.md). */
class IdempotencyKeyApiTest extends PostsServiceTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);
    private static final String OTHER_REQUEST = "この Idempotency-Key は別の内容の投稿に使われています / "
            + "This Idempotency-Key was used for a different request";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRetriedPostIsStoredOnceAnswersTheFirstResultAndPublishesOneEvent() {
        TestMember author = member("再送 花子");
        String title = "再送される投稿 " + UUID.randomUUID();
        Map<String, Object> post = Map.of("channel", "general", "kind", "IDEA", "title", title,
                "body", "回線が切れても一度だけ", "tags", List.of("ＤＸ"));
        String key = "draft-" + UUID.randomUUID();

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response first = api(author).post("/api/posts", post, key(key));
            Api.Response retried = api(author).post("/api/posts", post, key(key));

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            String id = first.json().get("id").asString();
            assertThat(retried.json()).isEqualTo(first.json());
            assertThat(retried.header("Location")).isEqualTo(first.header("Location")).isEqualTo("/api/posts/" + id);
            assertThat(postsTitled(title)).isEqualTo(1);

            // the same key for another post: refused, nothing new
            Api.Response other = api(author).post("/api/posts", PostsApiTest.with(post, "body", "別の本文"), key(key));
            assertThat(other.status()).as(other.body()).isEqualTo(409);
            assertThat(other.contentType()).startsWith("application/problem+json");
            assertThat(other.json().get("detail").asString()).isEqualTo(OTHER_REQUEST);
            assertThat(api(author).post("/api/posts", PostsApiTest.with(post, "channel", "introductions"), key(key))
                    .status()).isEqualTo(409);
            assertThat(postsTitled(title)).isEqualTo(1);

            probe.awaitRecords(r -> id.equals(r.key()) && PostsEvents.POST_PUBLISHED.equals(r.type()), EVENT_WAIT);
            assertThat(probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> id.equals(r.key()) && PostsEvents.POST_PUBLISHED.equals(r.type()))).hasSize(1);

            // edited since: a late retry of the first request still gets the post, as it is now
            assertThat(api(author).patch("/api/posts/" + id, Map.of("body", "直しました")).status()).isEqualTo(200);
            Api.Response late = api(author).post("/api/posts", post, key(key));
            assertThat(late.status()).as(late.body()).isEqualTo(201);
            assertThat(late.json().get("id").asString()).isEqualTo(id);
            assertThat(late.json().get("body").asString()).isEqualTo("直しました");
            assertThat(postsTitled(title)).isEqualTo(1);
        }
    }

    @Test
    void theKeyIsPerMemberAndWithoutItEveryRequestCreates() {
        TestMember a = member("キー A");
        TestMember b = member("キー B");
        String title = "同じキーの別人 " + UUID.randomUUID();
        Map<String, Object> post = Map.of("channel", "general", "kind", "IDEA", "title", title, "body", "本文",
                "tags", List.of());
        String key = "shared-" + UUID.randomUUID();

        String ofA = api(a).post("/api/posts", post, key(key)).json().get("id").asString();
        Api.Response ofB = api(b).post("/api/posts", post, key(key));
        assertThat(ofB.status()).as(ofB.body()).isEqualTo(201);
        assertThat(ofB.json().get("id").asString()).isNotEqualTo(ofA);
        assertThat(ofB.json().get("author").get("id").asString()).isEqualTo(b.id());
        assertThat(postsTitled(title)).isEqualTo(2);

        assertThat(api(a).post("/api/posts", post).status()).isEqualTo(201);
        assertThat(api(a).post("/api/posts", post).status()).isEqualTo(201);
        assertThat(postsTitled(title)).isEqualTo(4);
    }

    @Test
    void aRetriedReplyIsStoredCountedAndAnnouncedOnce() {
        TestMember author = member("質問 者");
        TestMember answerer = member("回答 者");
        String postId = api(author).publish("general", "IDEA", "再送される返信", "返信の二重送信を確かめる");
        String path = "/api/posts/" + postId + "/replies";
        String key = "reply-draft-" + UUID.randomUUID();

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response first = api(answerer).post(path, Map.of("body", "こうします"), key(key));
            Api.Response retried = api(answerer).post(path, Map.of("body", "こうします"), key(key));
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.json()).isEqualTo(first.json());
            String replyId = first.json().get("id").asString();

            Api.Response other = api(answerer).post(path, Map.of("body", "やはり別案"), key(key));
            assertThat(other.status()).as(other.body()).isEqualTo(409);
            assertThat(other.contentType()).startsWith("application/problem+json");
            assertThat(other.json().get("detail").asString()).isEqualTo(OTHER_REQUEST);

            assertThat(api(author).get(path).items()).extracting(r -> r.get("id").asString()).containsExactly(replyId);
            assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(1);
            probe.awaitRecords(r -> postId.equals(r.key()) && PostsEvents.REPLY_ADDED.equals(r.type()), EVENT_WAIT);
            assertThat(probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> postId.equals(r.key()) && PostsEvents.REPLY_ADDED.equals(r.type()))).hasSize(1);
        }

        // another member with the same key, and no key at all: separate replies
        assertThat(api(author).post(path, Map.of("body", "こうします"), key(key)).status()).isEqualTo(201);
        assertThat(api(answerer).post(path, Map.of("body", "追記")).status()).isEqualTo(201);
        assertThat(api(answerer).post(path, Map.of("body", "追記")).status()).isEqualTo(201);
        assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(4);
        assertThat(api(author).get(path).items()).hasSize(4);
    }

    @Test
    void aBusyThreadKeepsOnlyTheLatestKeyedReplyIdsAndAnOldRetryStillFindsItsReply() {
        TestMember author = member("人気 スレッド");
        TestMember answerer = member("常連 回答者");
        String postId = api(author).publish("general", "DISCUSSION", "返信の多いスレッド", "たくさん返信がつきます");
        String path = "/api/posts/" + postId + "/replies";
        String firstKey = "busy-" + UUID.randomUUID();
        Api.Response first = api(answerer).post(path, Map.of("body", "最初の返信"), key(firstKey));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        int replies = 105;
        for (int i = 1; i < replies; i++) {
            assertThat(api(answerer).post(path, Map.of("body", "返信 " + i), key("busy-" + UUID.randomUUID()))
                    .status()).isEqualTo(201);
        }
        Document post = mongo.findById(postId, Document.class, "posts");
        assertThat(post.getList(PostFields.KEYED_REPLY_IDS, String.class))
                .as("the post does not grow with every keyed reply").hasSize(100)
                .doesNotContain(first.json().get("id").asString());

        Api.Response retried = api(answerer).post(path, Map.of("body", "最初の返信"), key(firstKey));
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(replies);
    }

    @Test
    void twoRequestsWithTheSameKeyAtOnceBothAnswerTheOnePost() throws Exception {
        TestMember author = member("二重 押し");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String title = "同時の二重送信 " + UUID.randomUUID();
                Map<String, Object> post = Map.of("channel", "general", "kind", "IDEA", "title", title,
                        "body", "本文", "tags", List.of());
                String key = UUID.randomUUID().toString();
                List<Api.Response> answers = both(pool, () -> api(author).post("/api/posts", post, key(key)));
                assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
                assertThat(answers.get(1).json().get("id")).isEqualTo(answers.get(0).json().get("id"));
                assertThat(postsTitled(title)).isEqualTo(1);
            }

            String postId = api(author).publish("general", "IDEA", "同時の二重返信", "同時送信を確かめる");
            String path = "/api/posts/" + postId + "/replies";
            for (int round = 0; round < 10; round++) {
                String key = UUID.randomUUID().toString();
                List<Api.Response> answers = both(pool,
                        () -> api(author).post(path, Map.of("body", "返信 " + key), key(key)));
                assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
                assertThat(answers.get(1).json().get("id")).isEqualTo(answers.get(0).json().get("id"));
            }
            assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(10);
            assertThat(api(author).get(path).items()).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStudySessionGoesThroughTheSameCreateAndIsScheduledOnce() {
        TestMember manager = moderator("運営 二重");
        String title = "再送される勉強会 " + UUID.randomUUID();
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(10)
                .truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> session = Map.of("channel", "sessions", "kind", "SESSION", "title", title,
                "body", "案内", "tags", List.of(), "session", Map.of("startsAt", startsAt.toString(),
                        "endsAt", startsAt.plusHours(2).toString(), "place", "那覇市役所", "capacity", 20));
        String key = UUID.randomUUID().toString();

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response first = api(manager).post("/api/posts", session, key(key));
            Api.Response retried = api(manager).post("/api/posts", session, key(key));
            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(retried.json()).isEqualTo(first.json());
            String id = first.json().get("id").asString();
            assertThat(postsTitled(title)).isEqualTo(1);
            probe.awaitRecords(r -> id.equals(r.key()) && PostsEvents.SESSION_SCHEDULED.equals(r.type()), EVENT_WAIT);
            assertThat(probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> id.equals(r.key()) && PostsEvents.SESSION_SCHEDULED.equals(r.type()))).hasSize(1);
        }
    }

    @Test
    void anInvalidKeyIsRefusedAndChangesNothing() {
        TestMember author = member("不正 キー");
        String title = "不正なキー " + UUID.randomUUID();
        Map<String, Object> post = Map.of("channel", "general", "kind", "IDEA", "title", title, "body", "本文",
                "tags", List.of());
        String postId = api(author).publish("general", "IDEA", "返信先", "本文");
        for (String invalid : List.of("a/b", "has space", "x".repeat(201), "ab#c")) {
            PostsApiTest.assertProblem(api(author).post("/api/posts", post, key(invalid)), 400, "Idempotency-Key");
            PostsApiTest.assertProblem(api(author).post("/api/posts/" + postId + "/replies", Map.of("body", "返信"),
                    key(invalid)), 400, "Idempotency-Key");
        }
        assertThat(postsTitled(title)).isZero();
        assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isZero();
        // the longest and every allowed character
        String longest = "Az09._:-".repeat(25);
        assertThat(api(author).post("/api/posts", post, key(longest)).status()).isEqualTo(201);
    }

    /** Every post with the title, however many were stored: no index has the title, so this assertion may scan. */
    private long postsTitled(String title) {
        return mongo.count(Query.query(Criteria.where("title").is(title)).comment("kyoso:allow-scan"), "posts");
    }

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private static List<Api.Response> both(ExecutorService pool, java.util.function.Supplier<Api.Response> request)
            throws Exception {
        CompletableFuture<Api.Response> one = CompletableFuture.supplyAsync(request, pool);
        CompletableFuture<Api.Response> two = CompletableFuture.supplyAsync(request, pool);
        return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
    }
}
