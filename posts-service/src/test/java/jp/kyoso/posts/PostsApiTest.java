package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class PostsApiTest extends PostsServiceTest {
    @Autowired
    MongoTemplate mongo;

    @Test
    void publishingAnswers201WithTheLocationAndThePostAsTheContractShowsIt() {
        TestMember gima = member("儀間 さとこ");
        Api.Response created = api(gima).post("/api/posts", Map.of("channel", "introductions", "kind",
                "INTRODUCTION", "title", "久米島町の儀間です", "body", "**窓口業務**のデジタル化を進めたいです。",
                "tags", List.of("ＤＸ", "#窓口", "DX", " ")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/posts/" + id);

        Api.Response fetched = api(member("読む人")).get("/api/posts/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        JsonNode post = fetched.json();
        assertThat(post.get("channel").asString()).isEqualTo("introductions");
        assertThat(post.get("kind").asString()).isEqualTo("INTRODUCTION");
        assertThat(post.get("title").asString()).isEqualTo("久米島町の儀間です");
        assertThat(post.get("body").asString()).isEqualTo("**窓口業務**のデジタル化を進めたいです。");
        assertThat(strings(post.get("tags"))).containsExactly("dx", "窓口");
        assertThat(post.get("author").get("id").asString()).isEqualTo(gima.id());
        assertThat(post.get("author").get("displayName").asString()).isEqualTo("儀間 さとこ");
        assertThat(post.get("author").has("organization")).isTrue();
        assertThat(post.get("createdAt").asString()).endsWith("Z");
        assertThat(post.get("editedAt").isNull()).isTrue();
        assertThat(post.get("replyCount").asInt()).isZero();
        assertThat(post.get("reactions").isObject()).isTrue();
        assertThat(post.get("reactions").size()).isZero();
    }

    @Test
    void invalidInputIsRefusedWithAProblemNamingTheFieldAndChangesNothing() {
        TestMember author = member("検証 太郎");
        Api api = api(author);
        Map<String, Object> valid = Map.of("channel", "general", "kind", "IDEA", "title", "題名", "body", "本文",
                "tags", List.of());

        assertProblem(api.post("/api/posts", with(valid, "title", "あ".repeat(201))), 400, "title");
        assertProblem(api.post("/api/posts", with(valid, "title", "  ")), 400, "title");
        assertProblem(api.post("/api/posts", with(valid, "body", "あ".repeat(20_001))), 400, "body");
        assertProblem(api.post("/api/posts", with(valid, "tags", List.of("1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "11"))), 400, "tags");
        assertProblem(api.post("/api/posts", with(valid, "tags", List.of("あ".repeat(31)))), 400, "tags");
        assertProblem(api.post("/api/posts", with(valid, "kind", "POEM")), 400, "kind");
        assertProblem(api.post("/api/posts", with(valid, "channel", "no-such-channel")), 422, "channel");
        Api.Response notJson = api.post("/api/posts", "{\"title\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        Api.Response tooLarge = api.post("/api/posts", with(valid, "body", "a".repeat(70_000)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/api/posts?author=" + author.id()).items()).isEmpty();

        // the limits themselves are allowed, counted in characters (an emoji is one)
        Api.Response longest = api.post("/api/posts", with(with(valid, "title", "😀".repeat(200)), "body",
                "あ".repeat(20_000)));
        assertThat(longest.status()).as(longest.body()).isEqualTo(201);
        Api.Response tenTags = api.post("/api/posts", with(valid, "tags", List.of("1", "2", "3", "4", "5", "6", "7",
                "8", "9", "あ".repeat(30))));
        assertThat(tenTags.status()).as(tenTags.body()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyWithoutALengthIsLimitedToo() throws Exception {
        TestMember author = member("分割 送信");
        String valid = Api.JSON.writeValueAsString(Map.of("channel", "general", "kind", "IDEA", "title", "分割で送った投稿",
                "body", "本文", "tags", List.of()));
        assertThat(chunked(author, valid).statusCode()).isEqualTo(201);

        String tooLarge = Api.JSON.writeValueAsString(Map.of("channel", "general", "kind", "IDEA", "title", "大きすぎる",
                "body", "a".repeat(70_000), "tags", List.of()));
        java.net.http.HttpResponse<String> refused = chunked(author, tooLarge);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api(author).get("/api/posts?author=" + author.id()).items()).hasSize(1);
    }

    /** Sent without a Content-Length (Transfer-Encoding: chunked), as a stream of unknown length is. */
    private java.net.http.HttpResponse<String> chunked(TestMember member, String json) throws Exception {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/posts"))
                .header("Authorization", "Bearer " + member.token()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(bytes)))
                .build();
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyModeratorsPostInTheAnnouncementsChannelOrPostAnnouncements() {
        TestMember member = member("一般 職員");
        TestMember manager = moderator("運営 担当");

        Api.Response memberInAnnouncements = api(member).post("/api/posts", Map.of("channel", "announcements",
                "kind", "DISCUSSION", "title", "x", "body", "x", "tags", List.of()));
        assertThat(memberInAnnouncements.status()).isEqualTo(403);
        assertThat(memberInAnnouncements.contentType()).startsWith("application/problem+json");
        Api.Response memberAnnouncing = api(member).post("/api/posts", Map.of("channel", "general",
                "kind", "ANNOUNCEMENT", "title", "x", "body", "x", "tags", List.of()));
        assertThat(memberAnnouncing.status()).isEqualTo(403);

        api(manager).publish("announcements", "ANNOUNCEMENT", "那覇で勉強会を開催します", "那覇市で勉強会を開催します。", "勉強会");
        api(manager).publish("general", "ANNOUNCEMENT", "メンテナンスのお知らせ", "明日は停止します。");
        api(admin("管理 者")).publish("announcements", "ANNOUNCEMENT", "管理者からのお知らせ", "本文");
    }

    @Test
    void theApiNeedsAValidToken() {
        Api.Response anonymous = anonymous().get("/api/posts");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        Api.Response forged = api(new TestMember("m-x", "x_x", "x", "not.a.jwt")).get("/api/posts");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(anonymous().post("/api/posts", Map.of("channel", "general")).status()).isEqualTo(401);
    }

    @Test
    void editingByTheAuthorOrAModeratorKeepsEveryRevisionWithWhoAndWhen() {
        TestMember author = member("編集 する人");
        TestMember other = member("他の 人");
        TestMember manager = moderator("運営 担当");
        String id = api(author).publish("general", "QUESTION", "住民異動届の様式", "初版の本文です。", "様式");

        Api.Response byOther = api(other).patch("/api/posts/" + id, Map.of("title", "乗っ取り"));
        assertThat(byOther.status()).isEqualTo(403);
        assertThat(api(author).patch("/api/posts/" + id, Map.of()).status()).isEqualTo(400);
        assertProblem(api(author).patch("/api/posts/" + id, Map.of("title", "あ".repeat(201))), 400, "title");

        Api.Response first = api(author).patch("/api/posts/" + id, Map.of("title", "住民異動届の様式について"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("title").asString()).isEqualTo("住民異動届の様式について");
        assertThat(first.json().get("body").asString()).isEqualTo("初版の本文です。");
        assertThat(first.json().get("editedAt").isNull()).isFalse();
        Api.Response second = api(manager).patch("/api/posts/" + id, Map.of("body", "モデレーターが直しました。",
                "tags", List.of("様式", "ＦＡＱ")));
        assertThat(second.status()).isEqualTo(200);
        assertThat(strings(second.json().get("tags"))).containsExactly("様式", "faq");
        // the same content again is no new revision
        assertThat(api(author).patch("/api/posts/" + id, Map.of("body", "モデレーターが直しました。")).status())
                .isEqualTo(200);

        Api.Response revisions = api(author).get("/api/posts/" + id + "/revisions");
        assertThat(revisions.status()).isEqualTo(200);
        List<JsonNode> items = revisions.items();
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("title").asString()).isEqualTo("住民異動届の様式");
        assertThat(items.get(0).get("body").asString()).isEqualTo("初版の本文です。");
        assertThat(items.get(0).get("writtenBy").asString()).isEqualTo(author.id());
        assertThat(items.get(1).get("title").asString()).isEqualTo("住民異動届の様式について");
        assertThat(items.get(1).get("writtenBy").asString()).isEqualTo(author.id());
        assertThat(items.get(1).get("writtenAt").asString())
                .isEqualTo(first.json().get("editedAt").asString());
        assertThat(items.get(2).get("body").asString()).isEqualTo("モデレーターが直しました。");
        assertThat(items.get(2).get("writtenBy").asString()).isEqualTo(manager.id());
        assertThat(items.get(2).get("current").asBoolean()).isTrue();
        assertThat(strings(items.get(1).get("tags"))).containsExactly("様式");

        assertThat(api(other).get("/api/posts/" + id + "/revisions").status()).isEqualTo(403);
        assertThat(api(manager).get("/api/posts/" + id + "/revisions").status()).isEqualTo(200);
    }

    @Test
    void everyTimeStampIsIsoUtcWithExactlyMilliseconds() {
        TestMember author = member("時刻 形式");
        String id = api(author).publish("general", "DISCUSSION", "時刻の形", "本文");
        Api.Response created = api(author).get("/api/posts/" + id);
        Api.Response edited = api(author).patch("/api/posts/" + id, Map.of("title", "時刻の形（改）"));
        for (String stamp : List.of(created.json().get("createdAt").asString(),
                created.json().get("lastActivityAt").asString(), edited.json().get("editedAt").asString(),
                api(author).get("/api/posts?author=" + author.id()).items().get(0).get("createdAt").asString())) {
            assertThat(stamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
    }

    @Test
    void revisionsArePagedWithLimitAndCursorOldestFirst() {
        TestMember author = member("改訂 ページ");
        String id = api(author).publish("general", "QUESTION", "改訂 0", "本文");
        for (int i = 1; i <= 4; i++) {
            assertThat(api(author).patch("/api/posts/" + id, Map.of("title", "改訂 " + i)).status()).isEqualTo(200);
        }
        Api.Response first = api(author).get("/api/posts/" + id + "/revisions?limit=2");
        assertThat(first.items()).extracting(r -> r.get("title").asString()).containsExactly("改訂 0", "改訂 1");
        String cursor = first.json().get("nextCursor").asString();
        Api.Response second = api(author).get("/api/posts/" + id + "/revisions?limit=2&cursor=" + cursor);
        assertThat(second.items()).extracting(r -> r.get("title").asString()).containsExactly("改訂 2", "改訂 3");
        Api.Response last = api(author).get("/api/posts/" + id + "/revisions?limit=2&cursor="
                + second.json().get("nextCursor").asString());
        assertThat(last.items()).extracting(r -> r.get("title").asString()).containsExactly("改訂 4");
        assertThat(last.items().get(0).get("current").asBoolean()).isTrue();
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
        assertThat(api(author).get("/api/posts/" + id + "/revisions?limit=0").status()).isEqualTo(400);
        assertThat(api(author).get("/api/posts/" + id + "/revisions?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void deletingIsSoftAndOnlyForTheAuthorOrAModerator() {
        TestMember author = member("削除 する人");
        String id = api(author).publish("general", "DISCUSSION", "消す予定の投稿", "本文");
        String other = api(author).publish("general", "DISCUSSION", "モデレーターが消す投稿", "本文");

        assertThat(api(member("他人")).delete("/api/posts/" + id).status()).isEqualTo(403);
        assertThat(api(author).delete("/api/posts/" + id).status()).isEqualTo(204);
        Api.Response gone = api(author).get("/api/posts/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(api(moderator("運営")).get("/api/posts/" + id).status()).isEqualTo(404);
        assertThat(api(author).delete("/api/posts/" + id).status()).isEqualTo(404);
        assertThat(api(author).patch("/api/posts/" + id, Map.of("title", "復活")).status()).isEqualTo(404);

        Document stored = mongo.findById(id, Document.class, "posts");
        assertThat(stored.getBoolean("deleted")).isTrue();
        assertThat(stored.getString("title")).isEqualTo("消す予定の投稿");
        assertThat(stored.getString("deletedBy")).isEqualTo(author.id());

        assertThat(api(moderator("運営")).delete("/api/posts/" + other).status()).isEqualTo(204);
        assertThat(api(author).get("/api/posts?author=" + author.id()).items()).isEmpty();
    }

    @Test
    void aBeanValidationMessageReachesTheProblemInJapaneseAndEnglish() {
        // the annotations name keys of i18n/posts.properties: the application's message source must resolve them
        Api.Response refused = api(member("検証 花子")).post("/api/posts",
                Map.of("channel", "general", "kind", "POEM", "body", "本文"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Map<String, String> messages = new HashMap<>();
        refused.json().path("errors").forEach(error -> messages.put(error.get("field").asString(),
                error.get("message").asString()));
        assertThat(messages).containsEntry("title", "タイトルを入力してください / title is required")
                .containsEntry("kind", "種類は ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, DISCUSSION, SESSION "
                        + "のいずれかです / kind must be one of ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, "
                        + "DISCUSSION, SESSION");
    }

    @Test
    void anUnknownPostIs404() {
        Api api = api(member("誰か"));
        assertThat(api.get("/api/posts/does-not-exist").status()).isEqualTo(404);
        assertThat(api.patch("/api/posts/does-not-exist", Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(api.delete("/api/posts/does-not-exist").status()).isEqualTo(404);
        assertThat(api.post("/api/posts/does-not-exist/replies", Map.of("body", "x")).status()).isEqualTo(404);
    }

    static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains(field);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
