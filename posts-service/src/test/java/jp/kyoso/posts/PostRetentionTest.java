package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.post.DeletedPostPurge;
import jp.kyoso.posts.post.Posts;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Bounded documents and retention (issue 12): the last 20 revisions, and deleted bodies erased after a while. */
class PostRetentionTest extends PostsServiceTest {
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DeletedPostPurge purge;

    @Test
    void aPostKeepsItsLastTwentyRevisionsAndNumbersThemOn() {
        TestMember author = member("改訂 多い人");
        String postId = api(author).publish("general", "DISCUSSION", "何度も直す", "版 1");
        int edits = Posts.KEPT_REVISIONS + 2;
        for (int i = 2; i <= edits + 1; i++) {
            Api.Response edited = api(author).patch("/api/posts/" + postId, Map.of("body", "版 " + i));
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        }

        assertThat(mongo.findById(postId, Document.class, "posts").getList("revisions", Document.class))
                .hasSize(Posts.KEPT_REVISIONS);
        Api.Response revisions = api(author).get("/api/posts/" + postId + "/revisions?limit=100");
        assertThat(revisions.status()).isEqualTo(200);
        List<JsonNode> versions = new java.util.ArrayList<>(revisions.items());
        assertThat(versions).hasSize(Posts.KEPT_REVISIONS + 1);
        // paged by revision number: the second page starts after the last one shown
        Api.Response firstPage = api(author).get("/api/posts/" + postId + "/revisions?limit=5");
        assertThat(firstPage.items()).extracting(v -> v.get("number").asInt()).containsExactly(3, 4, 5, 6, 7);
        Api.Response secondPage = api(author).get("/api/posts/" + postId + "/revisions?limit=5&cursor="
                + firstPage.json().get("nextCursor").asString());
        assertThat(secondPage.items()).extracting(v -> v.get("number").asInt()).containsExactly(8, 9, 10, 11, 12);
        // versions 1 and 2 are gone; the numbers go on from the oldest kept one to the current one
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(3);
        assertThat(versions.get(0).get("body").asString()).isEqualTo("版 3");
        JsonNode current = versions.get(versions.size() - 1);
        assertThat(current.get("number").asInt()).isEqualTo(edits + 1);
        assertThat(current.get("body").asString()).isEqualTo("版 " + (edits + 1));
        assertThat(current.get("current").asBoolean()).isTrue();
    }

    @Test
    void theBodyOfAPostDeletedLongerThanTheRetentionIsErasedAndTheTombstoneStays() {
        TestMember author = member("消去 される人");
        TestMember other = member("消去 返信者");
        String old = api(author).publish("general", "QUESTION", "消える本文の質問", "個人的な事情を書いた本文");
        assertThat(api(author).patch("/api/posts/" + old, Map.of("body", "書き直した本文")).status())
                .isEqualTo(200);
        String replyId = api(other).reply(old, "返信は残ります");
        String kept = api(author).publish("general", "DISCUSSION", "残る投稿", "消されない本文");
        assertThat(api(author).delete("/api/posts/" + old).status()).isEqualTo(204);
        Instant deletedAt = mongo.findById(old, Document.class, "posts").getDate("deletedAt").toInstant();

        // a short age: deleted before the cutoff; a cutoff before the deletion erases nothing of it
        purge.purgeDeletedBefore(deletedAt);
        assertThat(mongo.findById(old, Document.class, "posts").getString("body")).isEqualTo("書き直した本文");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            purge.purgeDeletedBefore(Instant.now());
            return mongo.findById(old, Document.class, "posts").containsKey("bodyErasedAt");
        });

        Document tombstone = mongo.findById(old, Document.class, "posts");
        assertThat(tombstone.getString("body")).isEmpty();
        assertThat(tombstone.getList("revisions", Object.class)).isEmpty();
        assertThat(tombstone.getList("citations", Object.class)).isEmpty();
        // the thread keeps its shape: the post, its title, author, times and replies
        assertThat(tombstone.getBoolean("deleted")).isTrue();
        assertThat(tombstone.getString("title")).isEqualTo("消える本文の質問");
        assertThat(tombstone.getInteger("replyCount")).isEqualTo(1);
        assertThat(tombstone.getDate("deletedAt").toInstant()).isEqualTo(deletedAt);
        assertThat(mongo.findById(replyId, Document.class, "replies")).isNotNull();
        assertThat(api(author).get("/api/posts/" + old).status()).isEqualTo(404);
        // a post that is not deleted is never touched
        assertThat(mongo.findById(kept, Document.class, "posts").getString("body")).isEqualTo("消されない本文");
        // erased once: the next run finds nothing more of it
        Instant erasedAt = tombstone.getDate("bodyErasedAt").toInstant();
        purge.purgeDeletedBefore(Instant.now());
        assertThat(mongo.findById(old, Document.class, "posts").getDate("bodyErasedAt").toInstant())
                .isEqualTo(erasedAt);
    }
}
