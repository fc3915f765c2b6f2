package jp.kyoso.notifications.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The console follows an announcement while it is sent. The tests share one database, so an announcement here goes to
 * every active member of every test class: the counts are checked against what the database holds for the event, and
 * this test's own members are checked by name.
 */
class AnnouncementProgressTest extends NotificationsTestBase {
    private static final String PROGRESS = "/api/notifications/announcements/%s/progress";

    @Test
    void anAnnouncementsProgressReachesDoneWithEveryCountAndARedeliveredEventChangesNone() throws Exception {
        TestMember manager = member("配信 管理", "MODERATOR");
        TestMember admin = member("配信 監督", "ADMIN");
        TestMember mailed = member("メール 受信");
        TestMember inSlack = member("スラック 受信");
        TestMember digester = member("まとめ 読者");
        String memberHook = unique("progress-member");
        String mirrorHook = unique("progress-mirror");
        send("PUT", inSlack, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", FakeSlack.get().url(memberHook)));
        send("PUT", digester, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST"));
        // an announcement may be posted in any channel (kind ANNOUNCEMENT); this one is mirrored to Slack
        String channel = unique("news");
        assertThat(send("PUT", manager, "/api/notifications/channel-mirrors/" + channel,
                Map.of("slackWebhookUrl", FakeSlack.get().url(mirrorHook))).getStatusCode().value()).isEqualTo(200);
        afterTest(() -> send("DELETE", manager, "/api/notifications/channel-mirrors/" + channel, null));

        long activeButTheAuthor = mongo.count(Query.query(Criteria.where("status").is("ACTIVE")), "members") - 1;
        String postId = unique("p");
        String json = JSON.writeValueAsString(post(postId, channel, "ANNOUNCEMENT", "年末の庁舎閉庁のお知らせ",
                manager.id(), List.of()));
        String event = unique("evt");
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", event, json);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            ResponseEntity<String> response = get(manager, PROGRESS.formatted(postId));
            // the console asks at once: before the event arrives, the announcement is not known yet
            assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(200, 404);
            return response.getStatusCode().value() == 200 && "DONE".equals(json(response).get("state").asString());
        });
        JsonNode done = json(get(admin, PROGRESS.formatted(postId)));
        assertThat(done.get("postId").asString()).isEqualTo(postId);
        assertThat(done.get("title").asString()).isEqualTo("年末の庁舎閉庁のお知らせ");
        assertThat(done.get("recipients").asLong()).isEqualTo(activeButTheAuthor);
        // stored once for all: every recipient's inbox has it, whether or not their own copy is written yet
        assertThat(done.get("inboxStored").asLong()).isEqualTo(activeButTheAuthor);
        assertThat(inboxAbout(mailed, postId)).hasSize(1);
        assertThat(inboxAbout(manager, postId)).isEmpty();

        // the mail: everybody whose notice was to go by mail at once, from the one announcement delivery
        JsonNode mail = done.get("mail");
        Document job = mongo.findById("email:announcement:" + event, Document.class, "deliveries");
        assertThat(job.getString("status")).isEqualTo("SENT");
        assertThat(mail.get("planned").asLong()).isEqualTo(job.getInteger("sentCount").longValue())
                .isGreaterThanOrEqualTo(2);
        assertThat(mail.get("sent").asLong()).isEqualTo(job.getInteger("sentCount").longValue())
                .isGreaterThanOrEqualTo(2);
        assertThat(mail.get("failed").asLong()).isZero();
        assertThat(mail.get("waiting").asLong()).isZero();
        assertThat(TestMail.to(mailed.email())).hasSize(1);
        assertThat(TestMail.to(admin.email())).hasSize(1);
        assertThat(TestMail.to(digester.email())).isEmpty();
        assertThat(TestMail.to(inSlack.email())).isEmpty();

        // Slack: the member's webhook and the channel's mirror, each posted once
        JsonNode slack = done.get("slack");
        long slackDeliveries = mongo.count(Query.query(Criteria.where("eventId").is(event).and("channel").is("SLACK")),
                "deliveries");
        assertThat(slack.get("planned").asLong()).isEqualTo(slackDeliveries).isGreaterThanOrEqualTo(2);
        assertThat(slack.get("posted").asLong() + slack.get("failed").asLong()).isEqualTo(slackDeliveries);
        assertThat(slack.get("posted").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(slack.get("waiting").asLong()).isZero();
        assertThat(FakeSlack.get().accepted(memberHook)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("年末の庁舎閉庁のお知らせ");
        assertThat(FakeSlack.get().accepted(mirrorHook)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("#" + channel);

        Instant startedAt = Instant.parse(done.get("startedAt").asString());
        Instant finishedAt = Instant.parse(done.get("finishedAt").asString());
        assertThat(finishedAt).isAfterOrEqualTo(startedAt);
        assertThat(job.getDate("updatedAt").toInstant()).isBeforeOrEqualTo(finishedAt);

        // the same record again (a redelivery after a rebalance), then again after the consumer's mark was lost
        // (a crash after the effects): the fan-out runs once more, finds the announcement there and counts nothing twice
        long copies = storedNotices(event);
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", event, json);
        String marker = publishPost(unique("p"), "general", "後続の投稿", manager);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", marker));
        mongo.remove(Query.query(Criteria.where("_id").is("notifications-service.posts:" + event)),
                "processed_events");
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", event, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", event));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> json(get(manager, PROGRESS.formatted(postId))).equals(done));
        assertThat(storedNotices(event)).isEqualTo(copies);
        assertThat(inboxAbout(mailed, postId)).hasSize(1);
        assertThat(TestMail.to(mailed.email())).hasSize(1);
        assertThat(FakeSlack.get().requests(memberHook)).hasSize(1);
        assertThat(FakeSlack.get().requests(mirrorHook)).hasSize(1);
    }

    @Test
    void theProgressIsForModeratorsAndUnknownUntilTheFanOutStarts() {
        TestMember member = member("一般 参加者");
        TestMember moderator = member("進捗 確認", "MODERATOR");
        String postId = unique("p");
        String event = publish(POSTS, postId, "kyoso.posts.PostPublished.v1",
                post(postId, "announcements", "ANNOUNCEMENT", "権限の確認", moderator.id(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed("notifications-service.posts", event));
        assertThat(get(moderator, PROGRESS.formatted(postId)).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> forbidden = get(member, PROGRESS.formatted(postId));
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(forbidden.getBody()).doesNotContain("権限の確認");

        ResponseEntity<String> unknown = get(moderator, PROGRESS.formatted(unique("p")));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(json(unknown).get("detail").asString()).isEqualTo(
                "このお知らせの配信はまだ始まっていません / This announcement's delivery has not started yet");

        // a post that is no announcement has no fan-out to follow
        String discussion = unique("p");
        String published = publishPost(discussion, "general", "ただの投稿", member);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", published));
        assertThat(get(moderator, PROGRESS.formatted(discussion)).getStatusCode().value()).isEqualTo(404);
    }
}
