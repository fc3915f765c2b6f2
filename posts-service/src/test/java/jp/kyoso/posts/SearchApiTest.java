package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.search.SearchIndexer;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Search through the API. A write is normally searchable on its instance when the request returns, but a slow machine
 * (a cold JIT, the Kuromoji dictionary loading) can take longer than the writer's short wait: every search that
 * follows a write waits for its answer, up to {@link #INDEXED}.
 */
class SearchApiTest extends PostsServiceTest {
    private static final Duration INDEXED = Duration.ofSeconds(30);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    SearchIndexer indexer;

    @BeforeEach
    void theIndexHasBeenBuilt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> indexer.lastRebuild() != null);
    }

    @Test
    void aReplyIsFoundInJapaneseAndTheHitNamesIt() {
        TestMember gima = member("儀間 さとこ");
        TestMember sato = member("佐藤 泰格");
        String marker = unique();
        String postId = api(gima).publish("introductions", "INTRODUCTION", "久米島町の儀間です " + marker,
                "窓口業務のデジタル化を進めたいと考えています。", "自己紹介", "窓口");
        String replyId = api(sato).reply(postId, "@" + gima.handle() + " 都城市の佐藤です。窓口を横断的に眺めることが大切です。");

        Api.Response search = await().atMost(INDEXED).until(
                () -> api(gima).get("/api/search?q=" + Api.encode("窓口 " + marker)), r -> !r.items().isEmpty());
        assertThat(search.status()).isEqualTo(200);
        List<JsonNode> hits = search.items();
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("postId").asString()).isEqualTo(postId);
        assertThat(hits.get(0).has("replyId")).isFalse();

        JsonNode replyHit = await().atMost(INDEXED).until(() -> api(gima).get("/api/search?q="
                        + Api.encode("横断的") + "&limit=100").items().stream()
                        .filter(h -> replyId.equals(h.path("replyId").asString())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(replyHit.get("postId").asString()).isEqualTo(postId);
        assertThat(replyHit.get("title").asString()).isEqualTo("久米島町の儀間です " + marker);
        assertThat(replyHit.get("snippet").asString()).contains("<mark>横断的</mark>");
        assertThat(replyHit.get("score").asDouble()).isPositive();
        assertThat(search.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void eachReplyIsIndexedAloneAndTheThreadKeepsItsOtherReplies() {
        TestMember author = member("長い スレッド");
        TestMember replier = member("返信 する人");
        String marker = unique();
        String postId = api(author).publish("general", "QUESTION", "長いスレッド " + marker, "質問です。");
        awaitPostIds(marker, "", postId);
        long threadsReadBefore = indexer.threadsRead();
        long repliesReadBefore = indexer.repliesRead();
        long appliedBefore = applied();
        List<String> replyIds = new java.util.ArrayList<>();
        String lastWord = "";
        for (int i = 0; i < 6; i++) {
            lastWord = unique();
            replyIds.add(api(replier).reply(postId, "返信 " + marker + " " + lastWord));
            awaitPostIds(lastWord, "", postId);
        }
        assertThat(indexer.threadsRead() - threadsReadBefore)
                .as("a reply is indexed by itself, without reading its thread again")
                .isLessThan(3);
        await().atMost(INDEXED).until(() -> applied() >= appliedBefore + replyIds.size());
        assertThat(indexer.repliesRead() - repliesReadBefore)
                .as("a reply is indexed from its write, without reading it or its post from MongoDB, and not again"
                        + " for its ReplyAdded record (6 replies, 12 reads before both; a record that overtakes its"
                        + " write costs one)")
                .isLessThan(replyIds.size());
        // the thread's other documents are still there, each reply once
        awaitPostIds(marker, "", postId, postId, postId, postId, postId, postId, postId);

        // a change to the post itself reindexes the whole thread: the replies carry the new title
        api(author).patch("/api/posts/" + postId, Map.of("title", "改題 " + marker));
        String word = lastWord;
        JsonNode hit = await().atMost(INDEXED).until(() -> api(author).get("/api/search?q="
                        + Api.encode(word)).items(),
                items -> items.size() == 1 && items.get(0).get("title").asString().startsWith("改題")).get(0);
        assertThat(hit.get("replyId").asString()).isEqualTo(replyIds.get(5));
    }

    @Test
    void aHandleWithUnderscoresSurvivesInTheSnippet() {
        TestMember author = member("下線 ハンドル");
        String marker = unique();
        api(author).publish("general", "DISCUSSION", "監査の相談 " + marker,
                "@audit_iz5map さん、監査 " + marker + " の件で @naha_dx_team さんとも相談しました。");
        JsonNode hit = await().atMost(INDEXED).until(() -> api(author).get("/api/search?q=" + Api.encode(marker))
                .items(), items -> !items.isEmpty()).get(0);
        assertThat(hit.get("snippet").asString()).contains("@audit_iz5map").contains("@naha_dx_team");
    }

    @Test
    void hiddenAndDeletedPostsNeverAppearAndFiltersApply() {
        TestMember author = member("検索 作者");
        TestMember manager = moderator("運営");
        String marker = unique();
        String kept = api(author).publish("general", "ISSUE", "アナログ規制 " + marker, "点検します。");
        String hidden = api(author).publish("general", "IDEA", "アナログ規制の案 " + marker, "案です。");
        String deleted = api(author).publish("introductions", "INTRODUCTION", "アナログ規制担当です " + marker, "よろしく。");
        api(manager).reply(hidden, "返信にも " + marker);
        awaitPostIds("アナログ規制 " + marker, "", kept, hidden, deleted);
        awaitPostIds(marker, "", kept, hidden, hidden, deleted);

        assertThat(postIds("アナログ規制 " + marker, "&kind=ISSUE")).containsExactly(kept);
        assertThat(postIds("アナログ規制 " + marker, "&channel=introductions")).containsExactly(deleted);

        api(manager).post("/api/posts/" + hidden + "/hide", Map.of());
        api(author).delete("/api/posts/" + deleted);
        // gone at once, whether the index has caught up or not: every page is checked against the database
        assertThat(postIds("アナログ規制 " + marker, "")).containsExactly(kept);
        assertThat(postIds(marker, "")).containsExactly(kept);
        // not for moderators either
        assertThat(api(manager).get("/api/search?q=" + Api.encode(marker)).items()).hasSize(1);

        api(manager).post("/api/posts/" + hidden + "/unhide", Map.of());
        awaitPostIds(marker, "", kept, hidden, hidden);
    }

    @Test
    void aPostHiddenBehindTheIndexsBackIsNotShown() {
        TestMember author = member("検索 作者");
        String marker = unique();
        String shown = api(author).publish("general", "IDEA", "表示される " + marker, "本文");
        String hiddenElsewhere = api(author).publish("general", "IDEA", "別の所で隠される " + marker, "本文");
        awaitPostIds(marker, "", shown, hiddenElsewhere);

        // another instance hid it and its event has not reached this instance (or its reindex failed)
        mongo.updateFirst(Query.query(Criteria.where("_id").is(hiddenElsewhere)),
                new Update().set("hidden", true), "posts");
        assertThat(postIds(marker, "")).containsExactly(shown);
    }

    @Test
    void resultsArePagedWithAnOpaqueCursorAndBadQueriesAreRefused() {
        TestMember author = member("ページ 作者");
        String marker = unique();
        String[] published = new String[5];
        for (int i = 0; i < 5; i++) {
            published[i] = api(author).publish("general", "DISCUSSION", "子育て支援 " + i + " " + marker, "本文");
        }
        awaitPostIds(marker, "", published);
        Api.Response first = api(author).get("/api/search?q=" + Api.encode(marker) + "&limit=3");
        assertThat(first.items()).hasSize(3);
        String cursor = first.json().get("nextCursor").asString();
        Api.Response second = api(author).get("/api/search?q=" + Api.encode(marker) + "&limit=3&cursor=" + cursor);
        assertThat(second.items()).hasSize(2);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        Api.Response nothing = api(author).get("/api/search?q=" + Api.encode("量子コンピュータ " + marker));
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.items()).isEmpty();
        assertThat(api(author).get("/api/search").status()).isEqualTo(400);
        assertThat(api(author).get("/api/search?q=%20").status()).isEqualTo(400);
        assertThat(api(author).get("/api/search?q=" + "a".repeat(201)).status()).isEqualTo(400);
        assertThat(api(author).get("/api/search?q=x&kind=POEM").status()).isEqualTo(400);
        assertThat(api(author).get("/api/search?q=x&cursor=bad").status()).isEqualTo(400);
        assertThat(anonymous().get("/api/search?q=x").status()).isEqualTo(401);
    }

    @Test
    void aPostWrittenByAnotherInstanceIsFoundThroughItsEvent() throws Exception {
        // another instance wrote the post to the shared database and published PostPublished; this instance's own
        // write path was never involved
        String postId = UUID.randomUUID().toString();
        String marker = unique();
        Instant now = Instant.now();
        mongo.insert(new Document("_id", postId).append("channelSlug", "general").append("kind", "IDEA")
                .append("title", "別インスタンスの投稿 " + marker).append("body", "サーバー移行の記録です。")
                .append("tags", List.of()).append("author", new Document("memberId", "m-elsewhere")
                        .append("displayName", "別の人").append("former", false))
                .append("createdAt", java.util.Date.from(now)).append("replyCount", 0).append("deleted", false)
                .append("hidden", false).append("version", 0L), "posts");
        TestMember reader = member("読む人");
        // the index was built before the insert (see @BeforeEach) and nothing told this instance about the post yet
        assertThat(api(reader).get("/api/search?q=" + Api.encode(marker)).items()).isEmpty();

        ProducerRecord<String, String> event = new ProducerRecord<>(PostsEvents.TOPIC, postId,
                "{\"postId\":\"" + postId + "\",\"channelSlug\":\"general\"}");
        event.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", PostsEvents.POST_PUBLISHED.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/kyoso/posts-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", postId.getBytes(StandardCharsets.UTF_8));
        kafka.send(event).get(10, TimeUnit.SECONDS);

        await().atMost(INDEXED).until(() -> postIds("サーバ " + marker, "").contains(postId));
    }

    @Test
    void theIndexIsRebuiltFromTheDatabase() throws Exception {
        String postId = UUID.randomUUID().toString();
        String marker = unique();
        mongo.insert(new Document("_id", postId).append("channelSlug", "general").append("kind", "ISSUE")
                .append("title", "再構築で見つかる投稿 " + marker).append("body", "申込み手続きの簡素化")
                .append("author", new Document("memberId", "m-x").append("displayName", "x"))
                .append("createdAt", java.util.Date.from(Instant.now())).append("deleted", false)
                .append("hidden", false), "posts");
        mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("postId", postId)
                .append("body", "申込書の様式も統一しました " + marker)
                .append("createdAt", java.util.Date.from(Instant.now())), "replies");
        indexer.rebuild().get(60, TimeUnit.SECONDS);

        List<JsonNode> hits = api(member("読む人")).get("/api/search?q=" + Api.encode("申込 " + marker)).items();
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).has("replyId")).isFalse();
        assertThat(hits.get(1).get("replyId").asString()).isNotBlank();
    }

    /** Waits until the search finds exactly these posts (a post once per hit), in any order. */
    private void awaitPostIds(String query, String filters, String... expected) {
        List<String> sorted = java.util.Arrays.stream(expected).sorted().toList();
        await().atMost(INDEXED).until(() -> postIds(query, filters).stream().sorted().toList(), sorted::equals);
    }

    private List<String> postIds(String query, String filters) {
        Api.Response response = api(member("検索する人")).get("/api/search?q=" + Api.encode(query) + filters
                + "&limit=100");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(item -> item.get("postId").asString()).toList();
    }

    /** A made-up word that only this test's posts contain, so tests do not see each other's posts. */
    private static String unique() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Records of the posts topic this instance's index has applied, over all partitions. */
    private long applied() {
        return indexer.appliedPosition().join().values().stream().mapToLong(Long::longValue).sum();
    }
}
