package jp.kyoso.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The signals an operator watches: deliveries per channel and outcome, what waits, open streams, fan-out time. */
class DeliveryMetricsTest extends NotificationsTestBase {
    @Autowired
    MeterRegistry meters;

    private double count(String channel, String outcome) {
        return meters.get("kyoso.deliveries").tags("channel", channel, "outcome", outcome).counter().count();
    }

    @Test
    void aSentMailCountsOnceAsSentOnTheMailChannel() throws Exception {
        TestMember member = member("計測 花子");
        double sentBefore = count("mail", "sent");
        double failedBefore = count("mail", "failed");

        publish(COMMANDS, member.id(), "kyoso.notifications.SendAlreadyRegisteredMail.v1",
                Map.of("memberId", member.id(), "email", member.email(), "displayName", member.displayName()));

        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(member.email()).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("mail", "sent") >= sentBefore + 1);
        assertThat(count("mail", "failed")).isEqualTo(failedBefore);
        // the queue gauges are there from the start, one per channel, and never negative
        assertThat(meters.get("kyoso.deliveries.pending").tag("channel", "mail").gauge().value()).isNotNegative();
        assertThat(meters.get("kyoso.deliveries.pending").tag("channel", "slack").gauge().value()).isNotNegative();
        assertThat(meters.get("kyoso.live.streams.open").gauge().value()).isNotNegative();
    }

    @Test
    void anAnnouncementsNoticesCountAsInboxDeliveriesAndItsFanOutIsTimed() throws Exception {
        TestMember moderator = member("計測 広報", "MODERATOR");
        TestMember reader = member("計測 読者");
        double inboxBefore = count("inbox", "sent");
        long fanOutsBefore = meters.get("kyoso.announcement.fanout").timer().count();

        String postId = unique("p");
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", unique("evt"), JSON.writeValueAsString(
                post(postId, "general", "ANNOUNCEMENT", "窓口の受付時間の変更", moderator.id(), List.of())));

        await().atMost(Duration.ofSeconds(60)).until(() -> inboxAbout(reader, postId).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                meters.get("kyoso.announcement.fanout").timer().count() == fanOutsBefore + 1);
        // at least this test's reader; every active member of the shared database got one too
        assertThat(count("inbox", "sent")).isGreaterThanOrEqualTo(inboxBefore + 1);
    }
}
