package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** posts-service's projection of kyoso.members.v1: author snapshots, their erasure, and mentions. */
class MemberEventsTest extends MemberEventsTestBase {
    @Test
    void theAuthorSnapshotFollowsTheProfileAndIsErasedWhenTheMemberLeaves() {
        TestMember gima = member("儀間 さとこ");
        TestMember reader = member("読む人");
        // she posts before her events have reached posts-service: the signed token names her
        String postId = api(gima).publish("introductions", "INTRODUCTION", "久米島町の儀間です", "よろしくお願いします。");
        JsonNode author = api(reader).get("/api/posts/" + postId).json().get("author");
        assertThat(author.get("displayName").asString()).isEqualTo("儀間 さとこ");
        assertThat(author.get("organization").isNull()).isTrue();

        members.joined(gima, "久米島町");
        await().atMost(PROJECTION).until(() -> "久米島町".equals(authorOf(reader, postId).path("organization").asString()));
        String otherPost = api(reader).publish("general", "QUESTION", "質問", "本文");
        String replyOnOther = api(gima).reply(otherPost, "回答です");

        members.profileUpdated(gima, "儀間 里子", "久米島町 福祉課");
        await().atMost(PROJECTION).until(() -> "儀間 里子".equals(authorOf(reader, postId).path("displayName").asString()));
        assertThat(authorOf(reader, postId).get("organization").asString()).isEqualTo("久米島町 福祉課");
        await().atMost(PROJECTION).until(() -> "儀間 里子".equals(replyAuthor(reader, otherPost, replyOnOther)
                .path("displayName").asString()));

        members.deactivated(gima);
        await().atMost(PROJECTION).until(() -> authorOf(reader, postId).path("former").asBoolean());
        JsonNode erased = authorOf(reader, postId);
        assertThat(erased.get("displayName").asString()).isEqualTo("退会したメンバー");
        assertThat(erased.get("organization").isNull()).isTrue();
        assertThat(erased.get("id").asString()).isEqualTo(gima.id());
        assertThat(api(reader).get("/api/posts/" + postId).json().get("title").asString()).isEqualTo("久米島町の儀間です");
        JsonNode erasedReply = replyAuthor(reader, otherPost, replyOnOther);
        assertThat(erasedReply.get("displayName").asString()).isEqualTo("退会したメンバー");
        assertThat(erasedReply.get("organization").isNull()).isTrue();
        Document projected = mongo.findById(gima.id(), Document.class, "members");
        assertThat(projected.getBoolean("deactivated")).isTrue();
        assertThat(projected.containsKey("displayName")).isFalse();
        assertThat(projected.containsKey("handle")).isFalse();

        // a late replay of an old profile event never brings her name back: once the consumer has marked that very
        // event as processed, its effects (if any) are done
        String replayed = members.profileUpdated(gima, "儀間 里子", "久米島町 福祉課");
        await().atMost(PROJECTION).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is("posts-service.members:" + replayed)), "processed_events"));
        assertThat(authorOf(reader, postId).get("displayName").asString()).isEqualTo("退会したメンバー");
        Document afterReplay = mongo.findById(gima.id(), Document.class, "members");
        assertThat(afterReplay.getBoolean("deactivated")).isTrue();
        assertThat(afterReplay.containsKey("displayName")).isFalse();

        // and a former member can do nothing more with a token that is still valid
        Api formerMember = api(gima);
        assertThat(formerMember.post("/api/posts", Map.of("channel", "general", "kind", "IDEA", "title", "x",
                "body", "x")).status()).isEqualTo(403);
        assertThat(formerMember.post("/api/posts/" + otherPost + "/replies", Map.of("body", "x")).status())
                .isEqualTo(403);
        assertThat(formerMember.put("/api/posts/" + otherPost + "/reactions/" + Api.encode("👍")).status())
                .isEqualTo(403);
        assertThat(formerMember.post("/api/posts/" + otherPost + "/reports", Map.of("reason", "x")).status())
                .isEqualTo(403);
        assertThat(formerMember.patch("/api/posts/" + postId, Map.of("title", "書き換え")).status()).isEqualTo(403);
        assertThat(formerMember.delete("/api/posts/" + postId).status()).isEqualTo(403);
        JsonNode untouched = api(reader).get("/api/posts/" + otherPost).json();
        assertThat(untouched.get("reactions").size()).isZero();
        assertThat(untouched.get("replyCount").asInt()).isEqualTo(1);
        assertThat(api(reader).get("/api/posts/" + postId).json().get("title").asString()).isEqualTo("久米島町の儀間です");
    }

    @Test
    void mentionsResolveThroughTheProjectionAndUnknownHandlesAreIgnored() {
        TestMember sato = member("佐藤 泰格");
        TestMember gima = member("儀間 さとこ");
        TestMember nakazawa = member("中沢 駿太");
        members.joined(gima, "久米島町");
        members.joined(nakazawa, "デジタル庁");
        // both: the two members' events may sit on different partitions and arrive in any order
        await().atMost(PROJECTION).until(() -> isActive(gima) && isActive(nakazawa));

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            String postId = api(sato).publish("general", "QUESTION", "窓口の横断",
                    "@" + gima.handle() + " さん、`@" + nakazawa.handle() + "` はコードです。@nobody_known も。"
                            + "連絡は " + nakazawa.handle() + "@digital.go.jp まで。＠" + nakazawa.handle() + "さんにも。");
            JsonNode published = Api.JSON.readTree(probe.awaitRecords(
                    r -> PostsEvents.POST_PUBLISHED.equals(r.type()) && postId.equals(r.key()),
                    Duration.ofSeconds(20)).get(0).value());
            assertThat(PostsApiTest.strings(published.get("mentionedMemberIds")))
                    .containsExactly(gima.id(), nakazawa.id());

            String replyId = api(gima).reply(postId, "@" + sato.handle().toUpperCase() + " ありがとうございます");
            JsonNode reply = Api.JSON.readTree(probe.awaitRecords(
                    r -> PostsEvents.REPLY_ADDED.equals(r.type()) && r.value().contains(replyId),
                    Duration.ofSeconds(20)).get(0).value());
            // no members event about sato has arrived, but his handle is known from the token he posted with
            assertThat(PostsApiTest.strings(reply.get("mentionedMemberIds"))).containsExactly(sato.id());
        }
    }

    @Test
    void aRecordThatCanNeverBeProcessedGoesToTheDeadLetterTopicAndTheNextIsStillHandled() {
        TestMember later = member("後の 人");
        try (TopicProbe deadLetters = new TopicProbe(kafka(), "kyoso.members.v1.posts-service.dlt")) {
            members.sendRaw("poison", "kyoso.members.MemberProfileUpdated.v1", "this is not JSON",
                    java.util.UUID.randomUUID().toString());
            members.joined(later, "後の市");
            assertThat(deadLetters.awaitRecords(r -> "this is not JSON".equals(r.value()), Duration.ofSeconds(30)))
                    .hasSize(1);
        }
        await().atMost(PROJECTION).until(() -> mongo.findById(later.id(), Document.class, "members") != null);
    }

    private boolean isActive(TestMember member) {
        Document projected = mongo.findById(member.id(), Document.class, "members");
        return projected != null && Boolean.TRUE.equals(projected.getBoolean("active"));
    }

    private JsonNode authorOf(TestMember reader, String postId) {
        return api(reader).get("/api/posts/" + postId).json().get("author");
    }

    private JsonNode replyAuthor(TestMember reader, String postId, String replyId) {
        for (JsonNode reply : api(reader).get("/api/posts/" + postId + "/replies").items()) {
            if (replyId.equals(reply.get("id").asString())) {
                return reply.get("author");
            }
        }
        throw new AssertionError("no reply " + replyId);
    }
}
