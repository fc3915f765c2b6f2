package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import jp.kyoso.platform.outbox.OutboxProperties;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.MemberEvents;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** Every state change publishes exactly one event of docs/events.md, with CloudEvents headers, through the outbox. */
class EventsContractTest extends PostsServiceTest {
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    KafkaTemplate<String, String> kafkaTemplate;
    @Autowired
    OutboxProperties outboxProperties;

    @Test
    void eachStateChangeOfAPostPublishesExactlyOneEventWithTheContractFields() {
        TestMember author = member("作者");
        TestMember friend = member("友人");
        TestMember manager = moderator("運営");
        try (MemberEvents members = new MemberEvents(kafka())) {
            members.joined(friend, "友人市");
        }
        // active, not merely registered: only active members can be mentioned
        await().atMost(Duration.ofSeconds(30)).until(() -> isActive(friend));

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            String postId = api(author).publish("general", "ISSUE", "アナログ規制の見直し",
                    "**目視規制**の点検を始めました。", "規制", "ＤＸ");
            api(author).patch("/api/posts/" + postId, Map.of("body", "点検の結果を @" + friend.handle() + " さんと共有します。"));
            api(author).patch("/api/posts/" + postId, Map.of("body", "@" + friend.handle() + " さん、再確認です。"));
            String replyId = api(friend).reply(postId, "@" + author.handle() + " 了解です。");
            api(friend).put("/api/posts/" + postId + "/reactions/" + Api.encode("👍"));
            api(friend).put("/api/posts/" + postId + "/reactions/" + Api.encode("👍"));
            api(friend).post("/api/posts/" + postId + "/reports", Map.of("reason", "テスト通報"));
            api(friend).post("/api/posts/" + postId + "/reports", Map.of("reason", "テスト通報"));
            api(manager).post("/api/posts/" + postId + "/hide", Map.of());
            api(manager).post("/api/posts/" + postId + "/hide", Map.of());
            api(manager).post("/api/posts/" + postId + "/unhide", Map.of());
            api(author).delete("/api/posts/" + postId);

            probe.awaitRecords(r -> PostsEvents.POST_DELETED.equals(r.type()) && postId.equals(r.key()),
                    Duration.ofSeconds(20));
            List<TopicProbe.Received> events = probe.drain(Duration.ofMillis(1500)).stream()
                    .filter(r -> postId.equals(r.key())).toList();
            // ReplyAdded too is written in the post's outbox: every event of the post in the order of the changes
            assertThat(events).extracting(TopicProbe.Received::type).containsExactly(
                    PostsEvents.POST_PUBLISHED, PostsEvents.POST_EDITED, PostsEvents.POST_EDITED,
                    PostsEvents.REPLY_ADDED, PostsEvents.REACTION_ADDED, PostsEvents.REPORT_FILED,
                    PostsEvents.POST_HIDDEN, PostsEvents.POST_HIDDEN, PostsEvents.POST_DELETED);
            Set<String> ids = new TreeSet<>();
            for (TopicProbe.Received event : events) {
                assertThat(event.headers()).containsEntry("ce_source", "/kyoso/posts-service")
                        .containsEntry("ce_specversion", "1.0").containsEntry("ce_subject", postId)
                        .containsEntry("content-type", "application/json").containsKey("ce_time");
                ids.add(event.id());
            }
            assertThat(ids).hasSize(events.size());

            JsonNode published = data(only(events, PostsEvents.POST_PUBLISHED).get(0));
            assertThat(fields(published)).containsExactly("postId", "channelSlug", "kind", "title", "excerpt", "tags",
                    "authorId", "mentionedMemberIds", "createdAt");
            assertThat(published.get("excerpt").asString()).isEqualTo("目視規制の点検を始めました。");
            assertThat(PostsApiTest.strings(published.get("tags"))).containsExactly("規制", "dx");
            assertThat(published.get("authorId").asString()).isEqualTo(author.id());

            JsonNode firstEdit = data(only(events, PostsEvents.POST_EDITED).get(0));
            assertThat(fields(firstEdit)).containsExactly("postId", "channelSlug", "title", "excerpt", "tags",
                    "editorId", "authorId", "mentionedMemberIds", "editedAt");
            assertThat(PostsApiTest.strings(firstEdit.get("mentionedMemberIds"))).containsExactly(friend.id());
            // mentioned again: not newly mentioned
            assertThat(data(only(events, PostsEvents.POST_EDITED).get(1)).get("mentionedMemberIds")).isEmpty();

            JsonNode reply = data(only(events, PostsEvents.REPLY_ADDED).get(0));
            assertThat(fields(reply)).containsExactly("postId", "replyId", "channelSlug", "postTitle", "postAuthorId",
                    "authorId", "excerpt", "mentionedMemberIds", "createdAt");
            assertThat(reply.get("replyId").asString()).isEqualTo(replyId);
            assertThat(reply.get("postAuthorId").asString()).isEqualTo(author.id());
            assertThat(reply.get("postTitle").asString()).isEqualTo("アナログ規制の見直し");
            assertThat(PostsApiTest.strings(reply.get("mentionedMemberIds"))).containsExactly(author.id());

            JsonNode reaction = data(only(events, PostsEvents.REACTION_ADDED).get(0));
            assertThat(fields(reaction)).containsExactly("postId", "channelSlug", "postTitle", "postAuthorId",
                    "memberId", "emoji", "at");
            assertThat(reaction.get("emoji").asString()).isEqualTo("👍");
            assertThat(fields(data(only(events, PostsEvents.REPORT_FILED).get(0)))).containsExactly("postId", "reportId", "channelSlug", "postTitle",
                    "reporterId", "reason", "reportCount", "at");
            JsonNode hidden = data(only(events, PostsEvents.POST_HIDDEN).get(0));
            assertThat(fields(hidden)).containsExactly("postId", "channelSlug", "hidden", "reason", "note", "by", "at",
                    "postAuthorId", "postTitle", "visibilityChanged");
            assertThat(hidden.get("visibilityChanged").asBoolean()).isTrue();
            assertThat(hidden.get("note").isNull()).isTrue();
            assertThat(hidden.get("postAuthorId").asString()).isEqualTo(author.id());
            assertThat(hidden.get("reason").asString()).isEqualTo("MODERATOR");
            assertThat(hidden.get("by").asString()).isEqualTo(manager.id());
            assertThat(data(only(events, PostsEvents.POST_HIDDEN).get(1)).get("hidden").asBoolean()).isFalse();
            assertThat(fields(data(only(events, PostsEvents.POST_DELETED).get(0)))).containsExactly("postId", "channelSlug", "deletedBy", "deletedAt");
        }
    }

    @Test
    void anEventWrittenWithItsChangeSurvivesAKillBeforeItIsPublished() throws Exception {
        TestMember author = member("作者");
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            String postId;
            // Holding the relay's lock stands for a process that dies after the write and before the relay ran: the
            // relay of this process never gets to publish.
            synchronized (relay) {
                CompletableFuture<String> publishing = CompletableFuture.supplyAsync(() -> api(author)
                        .publish("general", "IDEA", "停電の前に書いた投稿", "本文"));
                postId = publishing.get(20, java.util.concurrent.TimeUnit.SECONDS);
                Document stored = mongo.findById(postId, Document.class, "posts");
                assertThat(stored.getString("title")).isEqualTo("停電の前に書いた投稿");
                List<Document> pending = stored.getList("outbox", Document.class);
                assertThat(pending).hasSize(1);
                assertThat(pending.get(0).getString("type")).isEqualTo(PostsEvents.POST_PUBLISHED);

                // the restarted process: a new relay finds the event in the document and publishes it
                OutboxRelay restarted = new OutboxRelay(mongo, kafkaTemplate, outboxProperties);
                assertThat(restarted.publishPending()).isGreaterThanOrEqualTo(1);
            }
            String id = postId;
            probe.awaitRecords(r -> PostsEvents.POST_PUBLISHED.equals(r.type()) && id.equals(r.key()),
                    Duration.ofSeconds(20));
            List<TopicProbe.Received> published = probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> id.equals(r.key())).toList();
            assertThat(published).hasSize(1);
            assertThat(mongo.findById(postId, Document.class, "posts").getList("outbox", Document.class)).isEmpty();
        }
    }

    private boolean isActive(TestMember member) {
        Document projected = mongo.findById(member.id(), Document.class, "members");
        return projected != null && Boolean.TRUE.equals(projected.getBoolean("active"));
    }

    private static List<TopicProbe.Received> only(List<TopicProbe.Received> events, String type) {
        return events.stream().filter(r -> type.equals(r.type())).toList();
    }

    private static JsonNode data(TopicProbe.Received received) {
        return Api.JSON.readTree(received.value());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
