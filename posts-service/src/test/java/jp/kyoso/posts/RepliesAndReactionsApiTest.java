package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RepliesAndReactionsApiTest extends PostsServiceTest {

    @Test
    void repliesFormAFlatThreadOldestFirstWithACountAndTheLastActivity() {
        TestMember author = member("投稿 者");
        TestMember sato = member("佐藤 泰格");
        String postId = api(author).publish("general", "QUESTION", "窓口の待ち時間", "どう短くしましたか。");
        String createdAt = api(author).get("/api/posts/" + postId).json().get("createdAt").asString();

        Api.Response first = api(sato).post("/api/posts/" + postId + "/replies", Map.of("body", "番号札を導入しました。"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode reply = first.json();
        assertThat(reply.get("postId").asString()).isEqualTo(postId);
        assertThat(reply.get("body").asString()).isEqualTo("番号札を導入しました。");
        assertThat(reply.get("author").get("id").asString()).isEqualTo(sato.id());
        assertThat(reply.get("author").get("displayName").asString()).isEqualTo("佐藤 泰格");
        assertThat(reply.get("createdAt").asString()).endsWith("Z");
        List<String> ids = new ArrayList<>(List.of(reply.get("id").asString()));
        for (int i = 2; i <= 4; i++) {
            ids.add(api(i % 2 == 0 ? author : sato).reply(postId, "返信 " + i));
        }
        Api.Response last = api(sato).post("/api/posts/" + postId + "/replies", Map.of("body", "返信 5"));
        assertThat(last.status()).isEqualTo(201);
        ids.add(last.json().get("id").asString());

        JsonNode post = api(sato).get("/api/posts/" + postId).json();
        assertThat(post.get("replyCount").asInt()).isEqualTo(5);
        assertThat(post.get("createdAt").asString()).isEqualTo(createdAt);
        assertThat(Instant.parse(post.get("lastActivityAt").asString()))
                .isEqualTo(Instant.parse(last.json().get("createdAt").asString()));

        Api.Response page1 = api(sato).get("/api/posts/" + postId + "/replies?limit=2");
        assertThat(page1.status()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        page1.items().forEach(item -> seen.add(item.get("id").asString()));
        String cursor = page1.json().get("nextCursor").asString();
        Api.Response page2 = api(sato).get("/api/posts/" + postId + "/replies?limit=2&cursor=" + cursor);
        page2.items().forEach(item -> seen.add(item.get("id").asString()));
        Api.Response page3 = api(sato).get("/api/posts/" + postId + "/replies?limit=2&cursor="
                + page2.json().get("nextCursor").asString());
        page3.items().forEach(item -> seen.add(item.get("id").asString()));
        assertThat(page3.json().get("nextCursor").isNull()).isTrue();
        assertThat(seen).containsExactlyElementsOf(ids);

        assertThat(api(sato).post("/api/posts/" + postId + "/replies", Map.of("body", " ")).status()).isEqualTo(400);
        assertThat(api(sato).post("/api/posts/" + postId + "/replies", Map.of("body", "あ".repeat(20_001)))
                .status()).isEqualTo(400);
        assertThat(api(sato).get("/api/posts/" + postId + "/replies?limit=0").status()).isEqualTo(400);
        assertThat(api(sato).get("/api/posts/" + postId + "/replies?limit=101").status()).isEqualTo(400);
        assertThat(api(sato).get("/api/posts/" + postId + "/replies?cursor=not%2Da%2Dcursor").status()).isEqualTo(400);

        api(author).delete("/api/posts/" + postId);
        assertThat(api(sato).post("/api/posts/" + postId + "/replies", Map.of("body", "遅れて")).status())
                .isEqualTo(404);
        assertThat(api(sato).get("/api/posts/" + postId + "/replies").status()).isEqualTo(404);
    }

    @Test
    void reactionsAreIdempotentPerMemberAndEmojiAndCounted() {
        TestMember author = member("投稿 者");
        TestMember a = member("反応 A");
        TestMember b = member("反応 B");
        String postId = api(author).publish("general", "IDEA", "反応してください", "本文");
        String thumbs = Api.encode("👍");
        String path = "/api/posts/" + postId + "/reactions/";

        assertThat(api(a).put(path + thumbs).status()).isEqualTo(204);
        assertThat(api(a).put(path + thumbs).status()).isEqualTo(204);
        assertThat(api(b).put(path + thumbs).status()).isEqualTo(204);
        assertThat(api(b).put(path + Api.encode("👩‍💻")).status()).isEqualTo(204);
        assertThat(api(b).put(path + Api.encode("👍🏽")).status()).isEqualTo(204);
        assertThat(api(b).put(path + Api.encode("🇯🇵")).status()).isEqualTo(204);

        JsonNode reactions = api(author).get("/api/posts/" + postId).json().get("reactions");
        assertThat(reactions.get("👍").asInt()).isEqualTo(2);
        assertThat(reactions.get("👩‍💻").asInt()).isEqualTo(1);
        assertThat(reactions.get("👍🏽").asInt()).isEqualTo(1);
        assertThat(reactions.get("🇯🇵").asInt()).isEqualTo(1);

        assertThat(api(a).delete(path + thumbs).status()).isEqualTo(204);
        assertThat(api(a).delete(path + thumbs).status()).isEqualTo(204);
        assertThat(api(b).delete(path + Api.encode("🇯🇵")).status()).isEqualTo(204);
        reactions = api(author).get("/api/posts/" + postId).json().get("reactions");
        assertThat(reactions.get("👍").asInt()).isEqualTo(1);
        assertThat(reactions.has("🇯🇵")).isFalse();

        for (String notOneEmoji : List.of("abc", "👍👍", "a", "1", "🏽", "👍 ")) {
            Api.Response refused = api(a).put(path + Api.encode(notOneEmoji));
            assertThat(refused.status()).as(notOneEmoji).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api(author).get("/api/posts/" + postId).json().get("reactions").size()).isEqualTo(3);
        assertThat(api(a).put("/api/posts/no-such-post/reactions/" + thumbs).status()).isEqualTo(404);
    }

    @Test
    void anEmojiWithOrWithoutItsPresentationSelectorIsOneReaction() {
        TestMember author = member("投稿 者");
        String postId = api(author).publish("general", "IDEA", "ハート", "本文");
        String path = "/api/posts/" + postId + "/reactions/";
        assertThat(api(member("反応 A")).put(path + Api.encode("❤")).status()).isEqualTo(204);
        TestMember b = member("反応 B");
        assertThat(api(b).put(path + Api.encode("❤️")).status()).isEqualTo(204);

        JsonNode reactions = api(author).get("/api/posts/" + postId).json().get("reactions");
        assertThat(reactions.size()).isEqualTo(1);
        assertThat(reactions.get("❤").asInt()).isEqualTo(2);

        // and removing with the other spelling removes it
        assertThat(api(b).delete(path + Api.encode("❤")).status()).isEqualTo(204);
        assertThat(api(author).get("/api/posts/" + postId).json().get("reactions").get("❤").asInt()).isEqualTo(1);
    }
}
