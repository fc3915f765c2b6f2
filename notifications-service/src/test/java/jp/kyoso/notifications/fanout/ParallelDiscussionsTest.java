package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.FaultInjection;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * With more than one listener thread on the posts events ({@code KYOSO_NOTIFICATIONS_POST_EVENTS_CONCURRENCY}; the
 * tests run two, one per partition), the events of different discussions are handled side by side: a discussion whose
 * event is slow to handle does not hold up a reply in another one. A discussion's own events stay in order, as they
 * share a partition.
 */
class ParallelDiscussionsTest extends NotificationsTestBase {
    private static final int PARTITIONS = 2;

    @Test
    void aReplyInOneDiscussionIsNotifiedWhileAnotherDiscussionsEventIsStillBeingHandled() {
        TestMember slowAuthor = member("保留 花子");
        TestMember author = member("並行 太郎");
        TestMember replier = member("返信 三郎");
        send("PUT", slowAuthor, "/api/notifications/preferences",
                Map.of("slackWebhookUrl", FakeSlack.get().url(unique("held"))));
        String slowPost = postInPartition(0);
        String otherPost = postInPartition(1);
        String firstPost = publishPost(slowPost, "general", "時間のかかる議論", slowAuthor);
        String secondPost = publishPost(otherPost, "general", "別の議論", author);
        // the hold is for the reply's event only
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(PostEventsConsumer.NAME, firstPost)
                && processed(PostEventsConsumer.NAME, secondPost));

        CountDownLatch release = FaultInjection.holdNextSideEffectFor(slowAuthor.id());
        try {
            String heldReply = publishReply(slowPost, "時間のかかる議論", slowAuthor, replier);
            await().atMost(Duration.ofSeconds(20)).until(() -> FaultInjection.holding(slowAuthor.id()));
            assertThat(storedNotices(heldReply)).as("stored before the hold").isEqualTo(1);

            String otherReply = publishReply(otherPost, "別の議論", author, replier);
            await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(otherReply) == 1);
            assertThat(FaultInjection.holding(slowAuthor.id())).as("the first event is still being handled").isTrue();
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !FaultInjection.holding(slowAuthor.id()));
    }

    /** A new post id whose events the producer's default partitioner puts on {@code partition}. */
    private String postInPartition(int partition) {
        while (true) {
            String postId = unique("p");
            byte[] key = postId.getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % PARTITIONS == partition) {
                return postId;
            }
        }
    }
}
