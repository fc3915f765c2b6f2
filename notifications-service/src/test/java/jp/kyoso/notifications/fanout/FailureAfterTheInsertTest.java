package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.FaultInjection;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * An attempt at an event that fails after the notices are stored (here: queueing the Slack message throws once, as a
 * crash or a lost database connection would stop it): the retry finds the notices there, and their mail and Slack
 * message still go out, exactly once.
 */
class FailureAfterTheInsertTest extends NotificationsTestBase {

    @Test
    void theRetryOfAnEventThatFailedAfterItsNoticeWasStoredStillMailsAndPostsItExactlyOnce() throws Exception {
        TestMember author = member("再試行 確認");
        TestMember replier = member("返信 九郎");
        String hook = unique("member-retry");
        send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "INSTANT", "slackWebhookUrl", FakeSlack.get().url(hook)));
        String postId = unique("p");
        publishPost(postId, "general", "失敗のあとの再試行", author);

        FaultInjection.failNextSideEffectFor(author.id());
        String reply = publishReply(postId, "失敗のあとの再試行", author, replier);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(author.email()).size() == 1
                && FakeSlack.get().accepted(hook).size() == 1);
        assertThat(FaultInjection.failedFor(author.id())).as("the first attempt failed after the insert").isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                TestMail.to(author.email()).size() == 1 && FakeSlack.get().requests(hook).size() == 1);

        assertThat(storedNotices(reply)).isEqualTo(1);
        List<MimeMessage> mails = TestMail.to(author.email());
        assertThat((String) mails.get(0).getContent()).contains("返信 九郎 さんが 「失敗のあとの再試行」 に返信しました");
        // the mail is the one of the window the notice was stored in, whenever the retry ran
        Document notice = mongo.findById(author.id() + ":" + reply, Document.class, "notifications");
        long window = notice.getDate("createdAt").getTime() / 1000;
        Document delivery = mongo.findById("email:" + author.id() + ":" + window, Document.class, "deliveries");
        assertThat(delivery).isNotNull();
        assertThat(delivery.getList("mailedIds", String.class)).containsExactly(author.id() + ":" + reply);
    }
}
