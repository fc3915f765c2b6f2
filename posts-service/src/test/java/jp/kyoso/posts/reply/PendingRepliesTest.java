package jp.kyoso.posts.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.shared.IdempotencyKey;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** The three steps of writing a reply, and the recovery of a reply whose writer crashed after the first. */
class PendingRepliesTest extends PostsServiceTest {
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PendingReplies pendingReplies;

    @Test
    void aReplyLeavesNothingPendingInItsPost() {
        TestMember author = member("投稿 者");
        String postId = api(author).publish("general", "QUESTION", "保留なし", "本文");
        String replyId = api(member("返信 者")).reply(postId, "返信です");

        Document post = mongo.findById(postId, Document.class, "posts");
        assertThat(post.getList("pendingReplies", Document.class, List.of())).isEmpty();
        assertThat(mongo.findById(replyId, Document.class, "replies").getString("body")).isEqualTo("返信です");
    }

    @Test
    void aReplyLeftPendingByACrashIsFinishedOnceWithTheAuthorAsTheyAreNow() {
        TestMember author = member("投稿 者");
        TestMember left = member("退会 した人");
        String postId = api(author).publish("general", "QUESTION", "停電の直前の返信", "本文");
        // the state a crash between step 1 and step 2 leaves: the post took the reply (count, event), the replies
        // collection does not have it; its author has left since
        String replyId = UUID.randomUUID().toString();
        Document pending = new Document("_id", replyId).append("postId", postId).append("body", "保留された返信")
                .append("author", new Document("memberId", left.id()).append("displayName", "退会 した人")
                        .append("organization", "どこか市").append("former", false))
                .append("mentionedMemberIds", List.of())
                .append("createdAt", Date.from(Instant.now().minus(PendingReplies.GRACE).minusSeconds(1)));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)),
                new Update().push("pendingReplies", pending).inc("replyCount", 1), "posts");
        mongo.insert(new Document("_id", left.id()).append("deactivated", true).append("active", false), "members");

        assertThat(pendingReplies.recover()).isGreaterThanOrEqualTo(1);
        // finishing is idempotent: a second pass (or a second instance) adds nothing
        pendingReplies.recover();

        List<JsonNode> replies = api(author).get("/api/posts/" + postId + "/replies").items();
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get("id").asString()).isEqualTo(replyId);
        assertThat(replies.get(0).get("body").asString()).isEqualTo("保留された返信");
        assertThat(replies.get(0).get("author").get("displayName").asString()).isEqualTo("退会したメンバー");
        assertThat(replies.get(0).get("author").get("former").asBoolean()).isTrue();
        assertThat(api(author).get("/api/posts/" + postId).json().get("replyCount").asInt()).isEqualTo(1);
        assertThat(mongo.findById(postId, Document.class, "posts")
                .getList("pendingReplies", Document.class, List.of())).isEmpty();
    }

    @Test
    void aRetryOfAReplyStillPendingAnswersThatReplyAndAddsNoSecond() {
        TestMember author = member("投稿 者");
        TestMember replier = member("返信 者");
        String postId = api(author).publish("general", "QUESTION", "書き込み中に再送", "本文");
        String key = "draft-" + UUID.randomUUID();
        // the first request's step 1 done, its key no longer among the post's last keyed reply ids (a busy thread)
        String replyId = new IdempotencyKey(key).idFor("reply:" + postId, replier.id());
        Document pending = new Document("_id", replyId).append("postId", postId).append("body", "再送される返信")
                .append("author", new Document("memberId", replier.id()).append("displayName", "返信 者")
                        .append("former", false))
                .append("mentionedMemberIds", List.of()).append("createdAt", new Date());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)),
                new Update().push("pendingReplies", pending).inc("replyCount", 1), "posts");

        Api.Response retried = api(replier).post("/api/posts/" + postId + "/replies",
                Map.of("body", "再送される返信"), Map.of(IdempotencyKey.HEADER, key));

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().get("id").asString()).isEqualTo(replyId);
        Document post = mongo.findById(postId, Document.class, "posts");
        assertThat(post.getList("pendingReplies", Document.class)).hasSize(1);
        assertThat(post.getInteger("replyCount")).isEqualTo(1);
        assertThat(mongo.findById(replyId, Document.class, "replies")).isNull();
    }

    @Test
    void aReplyStillInItsGracePeriodIsLeftToItsRequest() {
        TestMember author = member("投稿 者");
        String postId = api(author).publish("general", "QUESTION", "書き込み中の返信", "本文");
        Document pending = new Document("_id", UUID.randomUUID().toString()).append("postId", postId)
                .append("body", "書き込み中").append("author", new Document("memberId", author.id())
                        .append("displayName", "投稿 者").append("former", false))
                .append("createdAt", new Date());
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)),
                new Update().push("pendingReplies", pending), "posts");

        pendingReplies.recover();
        assertThat(api(author).get("/api/posts/" + postId + "/replies").items()).isEmpty();
        assertThat(mongo.findById(postId, Document.class, "posts").getList("pendingReplies", Document.class))
                .hasSize(1);
    }
}
