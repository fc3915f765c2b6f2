package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.kyoso.posts.search.SearchIndexer;
import jp.kyoso.posts.search.SimilarityEvalSet;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * "Asked before?" through the API: {@code GET /api/posts/similar} (and its POST twin for long texts) while a member
 * writes. Posts only, visible only, one entry per post, solved questions first among equals.
 */
class SimilarPostsApiTest extends PostsServiceTest {
    private static final Duration INDEXED = Duration.ofSeconds(30);
    private static final String BODY = "住民異動の手続きで申請書を書かずに済む窓口を検討しています。導入した自治体の事例を知りたいです。";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    SearchIndexer indexer;

    @BeforeEach
    void theIndexHasBeenBuilt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> indexer.lastRebuild() != null);
    }

    @Test
    void similarPostsAreVisiblePostsOnlyOneEachSolvedFirstWithWhatTheComposerShows() {
        TestMember asker = member("似た 質問者");
        TestMember helper = member("回答 する人");
        TestMember manager = moderator("管理 する人");
        String marker = marker();
        String title = "書かない窓口の導入事例 " + marker;
        String unsolved = api(asker).publish("general", "QUESTION", title, BODY + marker);
        String solved = api(asker).publish("general", "QUESTION", title, BODY + marker);
        String answer = api(helper).reply(solved, "うちでは職員が聞き取って申請書を作る方式にしました。");
        assertThat(api(asker).put("/api/posts/" + solved + "/answer", Map.of("replyId", answer)).status())
                .isEqualTo(200);
        String hidden = api(asker).publish("general", "QUESTION", title, BODY + marker);
        assertThat(api(manager).post("/api/posts/" + hidden + "/hide", Map.of()).status()).isEqualTo(204);
        String deleted = api(asker).publish("general", "QUESTION", title, BODY + marker);
        assertThat(api(asker).delete("/api/posts/" + deleted).status()).isEqualTo(204);
        String longBody = "窓口で申請書を書かない取り組みの記録です。" + marker + " " + "来庁者の負担を減らすため、".repeat(20);
        String discussion = api(helper).publish("general", "DISCUSSION", "窓口改革の記録 " + marker, longBody);
        // only a reply of this post is like the text: replies are not similar posts
        String unrelated = api(helper).publish("general", "IDEA", "公用車の予約", "予約の台帳を電子化したいです。");
        api(asker).reply(unrelated, title + " " + BODY + marker);

        String query = "/api/posts/similar?title=" + Api.encode("窓口で申請書を書かせない仕組み " + marker)
                + "&body=" + Api.encode("転入の受付で職員が聞き取って書類を作る方式です。" + marker) + "&limit=10";
        List<JsonNode> items = await().atMost(INDEXED).until(() -> api(helper).get(query).items(),
                found -> ids(found).containsAll(List.of(solved, unsolved, discussion))
                        && ids(found).indexOf(solved) < ids(found).indexOf(unsolved));
        List<String> ids = ids(items);
        assertThat(ids).doesNotHaveDuplicates().doesNotContain(hidden, deleted, unrelated);

        JsonNode solvedItem = items.get(ids.indexOf(solved));
        assertThat(solvedItem.get("title").asString()).isEqualTo(title);
        assertThat(solvedItem.get("kind").asString()).isEqualTo("QUESTION");
        assertThat(solvedItem.get("channel").asString()).isEqualTo("general");
        assertThat(solvedItem.get("solved").asBoolean()).isTrue();
        assertThat(solvedItem.get("replyCount").asInt()).isEqualTo(1);
        assertThat(solvedItem.get("excerpt").asString()).isEqualTo(BODY + marker);
        assertThat(Instant.parse(solvedItem.get("createdAt").asString())).isBefore(Instant.now());
        assertThat(items.get(ids.indexOf(unsolved)).get("solved").asBoolean()).isFalse();
        JsonNode discussionItem = items.get(ids.indexOf(discussion));
        assertThat(discussionItem.has("solved")).as("only questions are solved or not").isFalse();
        String excerpt = discussionItem.get("excerpt").asString();
        assertThat(excerpt).startsWith("窓口で申請書を書かない取り組みの記録です。").endsWith("…");
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(121);

        // the edit form leaves out the post being edited
        assertThat(ids(api(asker).get(query + "&excludePostId=" + solved).items())).contains(unsolved)
                .doesNotContain(solved);
        // the default limit is five, and fewer can be asked
        assertThat(api(helper).get(query.replace("&limit=10", "")).items()).hasSizeLessThanOrEqualTo(5);
        assertThat(api(helper).get(query.replace("&limit=10", "&limit=1")).items()).hasSize(1);

        // the same question with a body too long for a URL through the gateway: POST
        String typed = "転入の受付で職員が聞き取って書類を作る方式です。" + marker + " " + "窓口の混雑を減らしたいと考えています。".repeat(150);
        Api.Response posted = api(helper).post("/api/posts/similar", Map.of("title",
                "窓口で申請書を書かせない仕組み " + marker, "body", typed, "limit", 10));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(ids(posted.items())).contains(solved, unsolved).doesNotContain(hidden, deleted, unrelated);
    }

    @Test
    void tooLittleTextFindsNothingAndALimitOutsideOneToTenIsRefused() {
        TestMember writer = member("入力 中の人");
        Api api = api(writer);
        for (String path : List.of("/api/posts/similar", "/api/posts/similar?title=&body=",
                "/api/posts/similar?title=" + Api.encode("あ"), "/api/posts/similar?title=" + Api.encode("　 ")
                        + "&body=" + Api.encode("の"))) {
            Api.Response answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.items()).as(path).isEmpty();
        }
        // words no post has: nothing alike
        assertThat(api.get("/api/posts/similar?title=" + marker() + "%20" + marker()).items()).isEmpty();

        for (String limit : List.of("0", "11", "-1")) {
            Api.Response refused = api.get("/api/posts/similar?title=" + Api.encode("窓口") + "&limit=" + limit);
            assertThat(refused.status()).as(limit).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        assertThat(api.post("/api/posts/similar", Map.of("title", "窓口", "limit", 11)).status()).isEqualTo(400);
        assertThat(anonymous().get("/api/posts/similar?title=" + Api.encode("窓口")).status()).isEqualTo(401);
    }

    /**
     * Not a timing assertion: prints the latency of the endpoint on an index of 2,000 posts (the evaluation set and
     * generated municipal posts), and recall@5 of the evaluation set through the API among them.
     */
    @Test
    void latencyOnTwoThousandPostsIsPrinted() throws Exception {
        SimilarityEvalSet set = SimilarityEvalSet.load();
        TestMember manager = moderator("計測 する人");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String channel = "similar-" + suffix;
        assertThat(api(manager).post("/api/channels", Map.of("slug", channel, "name", "似た投稿の計測 " + suffix,
                "postingPolicy", "OPEN")).status()).isEqualTo(201);
        String template = api(manager).publish(channel, "DISCUSSION", "ひな形", "ひな形の本文");
        // a real post's document, so that the copies have every field a post has (their outbox emptied)
        Document shape = mongo.findById(template, Document.class, "posts");

        String prefix = "sim-" + suffix + "-";
        List<SimilarityEvalSet.EvalPost> posts = new ArrayList<>(set.posts());
        posts.addAll(SimilarityEvalSet.fillers(2000 - posts.size()));
        // old posts in a channel of their own: they stay out of the first pages of every other test's lists
        Instant old = Instant.parse("2019-04-01T00:00:00Z");
        List<Document> documents = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            documents.add(copy(shape, prefix, posts.get(i), channel, old.plus(Duration.ofMinutes(i)), manager));
        }
        mongo.insert(documents, "posts");
        indexer.rebuild().get(120, TimeUnit.SECONDS);

        Api api = api(member("計測 読む人"));
        List<SimilarityEvalSet.Pair> pairs = set.pairs();
        for (int i = 0; i < 20; i++) {
            api.get(similar(pairs.get(i % pairs.size()), 5));
        }
        int calls = 200;
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            String path = similar(pairs.get(i % pairs.size()), 5);
            long start = System.nanoTime();
            Api.Response answer = api.get(path);
            nanos[i] = System.nanoTime() - start;
            assertThat(answer.status()).isEqualTo(200);
        }
        Arrays.sort(nanos);
        SimilarityEvalSet.Result recall = set.evaluate(prefix, (title, body, limit) -> ids(api.get(
                "/api/posts/similar?title=" + Api.encode(title) + "&body=" + Api.encode(body) + "&limit=10").items()));
        System.out.printf("GET /api/posts/similar on %,d posts: %d calls, p50 %.1f ms, p95 %.1f ms, max %.1f ms "
                        + "(HTTP, index and MongoDB); evaluation set through the API: %s%n", posts.size(), calls,
                nanos[calls / 2 - 1] / 1e6, nanos[(int) Math.ceil(calls * 0.95) - 1] / 1e6, nanos[calls - 1] / 1e6,
                recall.summary());
        assertThat(recall.foundInK()).isPositive();
    }

    private static Document copy(Document shape, String prefix, SimilarityEvalSet.EvalPost post, String channel,
                                 Instant createdAt, TestMember author) {
        Document copy = new Document(shape);
        Date created = Date.from(createdAt);
        copy.put("_id", prefix + post.id());
        copy.put("channelSlug", channel);
        copy.put("kind", post.kind());
        copy.put("title", post.title());
        copy.put("body", post.body());
        copy.put("createdAt", created);
        copy.put("lastActivityAt", created);
        copy.put("outbox", List.of());
        if ("QUESTION".equals(post.kind())) {
            // answered: these questions are not in the moderators' unanswered list of other tests
            copy.put("firstAnswerAt", created);
        }
        if (post.solved()) {
            copy.put("answer", new Document("replyId", "r-" + post.id())
                    .append("author", new Document("memberId", author.id()).append("displayName", author.displayName())
                            .append("organization", null).append("former", false))
                    .append("excerpt", "回答").append("chosenAt", created).append("chosenBy", author.id()));
        }
        return copy;
    }

    private static String similar(SimilarityEvalSet.Pair pair, int limit) {
        return "/api/posts/similar?title=" + Api.encode(pair.queryTitle()) + "&body=" + Api.encode(pair.queryBody())
                + "&limit=" + limit;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("postId").asString()).toList();
    }

    /** A word no other post has (lower-case ASCII, one token for the Japanese analysis). */
    private static String marker() {
        StringBuilder marker = new StringBuilder("zq");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            marker.append((char) ('a' + random.nextInt(26)));
        }
        return marker.toString();
    }
}
