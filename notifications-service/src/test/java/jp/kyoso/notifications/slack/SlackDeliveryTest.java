package jp.kyoso.notifications.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class SlackDeliveryTest extends NotificationsTestBase {
    @Autowired
    WebhookThrottle throttle;

    @Test
    void everyInstanceTakesItsTurnFromOneSharedClockOfOneMessagePerSecondPerWebhook() {
        String url = FakeSlack.get().url(unique("shared"));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(throttle.waitBeforeSending(url, now)).isZero();
        // another instance a moment later (the turn lives in the database only): the rest of the second
        assertThat(throttle.waitBeforeSending(url, now.plusMillis(10)))
                .isEqualTo(Duration.ofMillis(990));
        assertThat(throttle.waitBeforeSending(url, now.plusSeconds(1))).isZero();
        // a 429 pushes the next turn to what Slack asked for, never earlier
        throttle.pause(url, now.plusSeconds(5));
        throttle.pause(url, now.plusSeconds(3));
        assertThat(throttle.waitBeforeSending(url, now.plusSeconds(2))).isEqualTo(Duration.ofSeconds(3));
        assertThat(throttle.waitBeforeSending(url, now.plusSeconds(5))).isZero();
    }

    @Test
    void behindA429WithRetryAfterEveryMessageArrivesExactlyOnceAtMostOnePerSecond() {
        TestMember author = member("スラック 利用");
        TestMember replier = member("返信 五郎");
        String path = unique("ratelimited-member");
        send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", FakeSlack.get().url(path)));
        String postId = unique("p");
        publishPost(postId, "general", "Slack 連携 & <テスト>", author);
        for (int i = 0; i < 3; i++) {
            publishReply(postId, "Slack 連携 & <テスト>", author, replier);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> FakeSlack.get().accepted(path).size() == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> FakeSlack.get().accepted(path).size() == 3);

        List<FakeSlack.Request> requests = FakeSlack.get().requests(path);
        assertThat(requests).anyMatch(r -> r.status() == 429);
        assertThat(requests.stream().filter(r -> r.status() == 200).map(FakeSlack.Request::idempotencyKey))
                .doesNotHaveDuplicates().hasSize(3);
        for (int i = 1; i < requests.size(); i++) {
            // one message per second per webhook, and after a 429 not before its Retry-After
            assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        assertThat(FakeSlack.get().accepted(path).get(0)).startsWith("{\"text\":")
                .contains("返信 五郎").contains("&amp; &lt;テスト&gt;").contains("https://kyoso.example/posts/" + postId);
        List<Document> deliveries = mongo.find(Query.query(Criteria.where("memberId").is(author.id())
                .and("channel").is("SLACK")), Document.class, "deliveries");
        assertThat(deliveries).hasSize(3).allMatch(d -> "SENT".equals(d.getString("status")));
        assertThat(deliveries).anyMatch(d -> d.getString("lastError") != null
                && d.getString("lastError").contains("429"));
    }

    @Test
    void messagesToOneWebhookArriveInTheOrderTheyWereQueuedEvenBehindA429() {
        TestMember author = member("順番 確認");
        TestMember replier = member("順番 返信");
        String path = unique("ratelimited-order");
        send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", FakeSlack.get().url(path)));
        String postId = unique("p");
        publishPost(postId, "general", "順番の確認", author);
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String marker = "返信その" + i + "-" + unique("m");
            expected.add(marker);
            publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId, "replyId", unique("r"),
                    "channelSlug", "general", "postTitle", "順番の確認", "postAuthorId", author.id(),
                    "authorId", replier.id(), "excerpt", marker, "mentionedMemberIds", List.of(),
                    "createdAt", Instant.now().toString()));
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> FakeSlack.get().accepted(path).size() == 4);
        assertThat(FakeSlack.get().requests(path)).anyMatch(r -> r.status() == 429);
        List<String> arrived = FakeSlack.get().accepted(path).stream()
                .map(body -> expected.stream().filter(body::contains).findFirst().orElse(body)).toList();
        assertThat(arrived).containsExactlyElementsOf(expected);
    }

    @Test
    void aMirroredChannelsNewPostsGoToItsSlackWebhook() {
        TestMember moderator = member("ミラー 管理", "MODERATOR");
        TestMember author = member("投稿 者");
        String channel = unique("dx");
        String path = unique("mirror");
        assertThat(send("PUT", moderator, "/api/notifications/channel-mirrors/" + channel,
                Map.of("slackWebhookUrl", FakeSlack.get().url(path))).getStatusCode().value()).isEqualTo(200);
        String postId = unique("p");
        publishPost(postId, channel, "ミラーされる投稿", author);
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeSlack.get().accepted(path).size() == 1);
        assertThat(FakeSlack.get().accepted(path).get(0)).contains("#" + channel).contains("ミラーされる投稿");

        send("DELETE", moderator, "/api/notifications/channel-mirrors/" + channel, null);
        String after = unique("p");
        String event = publishPost(after, channel, "ミラー解除後", author);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", event));
        await().during(Duration.ofSeconds(1)).until(() -> FakeSlack.get().requests(path).size() == 1);
    }

    @Test
    void aRequestThatTimedOutAfterItWasSentIsSentAgainWithTheSameKeySoNothingIsDropped() {
        TestMember author = member("時間 切れ");
        TestMember replier = member("返信 六郎");
        String path = unique("slowonce-member");
        send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", FakeSlack.get().url(path)));
        String postId = unique("p");
        publishPost(postId, "general", "タイムアウト", author);
        publishReply(postId, "タイムアウト", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document delivery = slackDeliveryOf(author);
            return delivery != null && "SENT".equals(delivery.getString("status"));
        });
        // at least once: the first request got no answer in time, the second one went through, as the same message
        List<FakeSlack.Request> requests = FakeSlack.get().requests(path);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey()).isNotBlank();
        Document delivery = slackDeliveryOf(author);
        assertThat(delivery.getInteger("attempts")).isEqualTo(2);
        assertThat(delivery.getString("lastError")).contains("No answer from Slack");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> FakeSlack.get().requests(path).size() == 2);
    }

    private Document slackDeliveryOf(TestMember member) {
        return mongo.findOne(Query.query(Criteria.where("memberId").is(member.id()).and("channel").is("SLACK")),
                Document.class, "deliveries");
    }
}
