package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;

/**
 * Threads imported from another platform's history (posts-service's imports, events marked {@code imported}) tell
 * nobody, not even the mentioned or a channel's watchers, and are not announced; their authors and repliers watch them
 * all the same, so the first new reply here reaches them.
 */
class ImportedHistoryTest extends NotificationsTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void importedPostsAndRepliesNotifyNobodyButTheirWritersWatchTheThread() {
        TestMember author = member("移行 花子");
        TestMember replier = member("移行 次郎");
        TestMember mentioned = member("移行 三郎");
        TestMember channelWatcher = member("移行 四郎");
        String channel = unique("imported");
        publishChannel(channel);
        assertThat(send("PUT", channelWatcher, "/api/notifications/subscriptions/channels/" + channel,
                Map.of("level", "WATCHING")).getStatusCode().value()).isEqualTo(200);
        String postId = unique("p");

        Map<String, Object> post = new HashMap<>(post(postId, channel, "QUESTION", "2019年の質問", author.id(),
                ids(mentioned)));
        post.put("imported", true);
        String published = publish(POSTS, postId, "kyoso.posts.PostPublished.v1", post);
        String reply = publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId,
                "replyId", unique("r"), "channelSlug", channel, "postTitle", "2019年の質問",
                "postAuthorId", author.id(), "authorId", replier.id(), "excerpt", "当時の回答です",
                "mentionedMemberIds", ids(author, mentioned), "createdAt", Instant.parse("2019-05-01T01:00:00Z").toString(),
                "imported", true));
        await().atMost(WAIT).until(() -> processed("notifications-service.posts", published)
                && processed("notifications-service.posts", reply));
        assertThat(storedNotices(published)).isZero();
        assertThat(storedNotices(reply)).isZero();

        // a reply written here now: both writers of the imported thread hear of it, as watchers
        TestMember newcomer = member("移行 五郎");
        String now = publishReply(postId, "2019年の質問", author, newcomer);
        await().atMost(WAIT).until(() -> storedNotices(now) == 2);
        assertThat(inboxAbout(author, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
        assertThat(inboxAbout(replier, postId)).extracting(n -> n.get("type").asString()).containsExactly("REPLY");
        assertThat(inboxAbout(mentioned, postId)).isEmpty();
        assertThat(inboxAbout(channelWatcher, postId)).isEmpty();
    }

    @Test
    void anImportedAnnouncementIsNotAnnounced() {
        TestMember author = member("移行 管理", "MODERATOR");
        TestMember member = member("移行 会員");
        String postId = unique("p");
        Map<String, Object> post = new HashMap<>(post(postId, "announcements", "ANNOUNCEMENT", "2018年のお知らせ",
                author.id(), List.of()));
        post.put("imported", true);
        String published = publish(POSTS, postId, "kyoso.posts.PostPublished.v1", post);
        await().atMost(WAIT).until(() -> processed("notifications-service.posts", published));
        assertThat(storedNotices(published)).isZero();
        assertThat(inboxAbout(member, postId)).isEmpty();
    }
}
