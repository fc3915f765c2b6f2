package jp.kyoso.notifications.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class SlackDeliveryTest extends NotificationsTestBase {

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
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.exists(Query.query(
                Criteria.where("_id").is("notifications-service.posts:" + event)), "processed_events"));
        await().during(Duration.ofSeconds(1)).until(() -> FakeSlack.get().requests(path).size() == 1);
    }

    @Test
    void aRequestThatTimedOutAfterItWasSentIsNotRepeatedSoSlackNeverShowsItTwice() {
        TestMember author = member("時間 切れ");
        TestMember replier = member("返信 六郎");
        String path = unique("slow-member");
        send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", FakeSlack.get().url(path)));
        String postId = unique("p");
        publishPost(postId, "general", "タイムアウト", author);
        publishReply(postId, "タイムアウト", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document delivery = mongo.findOne(Query.query(Criteria.where("memberId").is(author.id())
                    .and("channel").is("SLACK")), Document.class, "deliveries");
            return delivery != null && "FAILED".equals(delivery.getString("status"));
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> FakeSlack.get().requests(path).size() == 1);
    }
}
