package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class RedeliveryAndDeadLetterTest extends NotificationsTestBase {

    @Test
    void anEventDeliveredAgainChangesNothingEvenWhenItsProcessedMarkWasLost() {
        TestMember author = member("重複 確認");
        TestMember replier = member("再送 太郎");
        String postId = unique("p");
        publishPost(postId, "general", "重複の確認", author);
        String eventId = unique("evt");
        String json = JSON.writeValueAsString(Map.of("postId", postId, "replyId", unique("r"), "channelSlug",
                "general", "postTitle", "重複の確認", "postAuthorId", author.id(), "authorId", replier.id(),
                "excerpt", "一度だけ", "mentionedMemberIds", List.of(author.id()), "createdAt", Instant.now().toString()));
        publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", eventId, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(eventId) == 1);

        // the same record again (a redelivery after a rebalance)
        publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", eventId, json);
        // and once more after the consumer's mark was lost (a crash between the effects and the mark)
        String marker = publishReply(postId, "重複の確認", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(marker) == 1);
        mongo.remove(Query.query(Criteria.where("_id").is("notifications-service.posts:" + eventId)),
                "processed_events");
        publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", eventId, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.exists(Query.query(
                Criteria.where("_id").is("notifications-service.posts:" + eventId)), "processed_events"));

        assertThat(storedNotices(eventId)).isEqualTo(1);
        assertThat(inboxAbout(author, postId)).hasSize(2);
        // and the INSTANT mails carry it once
        await().atMost(Duration.ofSeconds(20)).until(() -> mailed(author).stream().anyMatch(id -> id.endsWith(eventId)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                mailed(author).stream().filter(id -> id.endsWith(eventId)).count() == 1);
    }

    private List<String> mailed(TestMember member) {
        return mongo.find(Query.query(Criteria.where("memberId").is(member.id()).and("kind").is("INSTANT")),
                org.bson.Document.class, "deliveries").stream()
                .flatMap(d -> d.getList("mailedIds", String.class, List.of()).stream()).toList();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventIsStillHandled() throws Exception {
        TestMember author = member("毒 確認");
        TestMember replier = member("次 太郎");
        String postId = unique("p");
        try (TopicProbe deadLetters = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(),
                "kyoso.posts.v1.notifications-service.dlt")) {
            publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", unique("poison"), "this is not JSON " + postId);
            String missingField = publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1",
                    Map.of("postId", postId, "channelSlug", "general"));
            String next = publishReply(postId, "毒の確認", author, replier);

            assertThat(deadLetters.awaitRecords(r -> r.value().contains(postId) && r.value().startsWith("this is"),
                    Duration.ofSeconds(30))).hasSize(1);
            assertThat(deadLetters.awaitRecords(r -> missingField.equals(r.id()), Duration.ofSeconds(30))).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(next) == 1);
        }
    }
}
