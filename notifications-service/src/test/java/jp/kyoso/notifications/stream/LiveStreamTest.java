package jp.kyoso.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LiveStreamTest extends NotificationsTestBase {
    @Autowired
    InboxStore inbox;

    @Test
    void eachNewNoticeArrivesOnceOnTheCallersStreamWithHeartbeatsAndAReconnectGetsWhatItMissed() {
        TestMember author = member("ライブ 視聴");
        TestMember other = member("他の 人");
        TestMember replier = member("返信 七郎");
        String url = "http://localhost:" + port + "/api/notifications/stream";
        String postId = unique("p");
        publishPost(postId, "general", "ライブ配信", author);
        try (SseClient stream = new SseClient(url, author.token(), null);
             SseClient others = new SseClient(url, other.token(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.connected() && others.connected());
            String reply = publishReply(postId, "ライブ配信", author, replier);
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.data().stream().anyMatch(d -> d.contains(reply)));
            JsonNode item = JSON.readTree(stream.data().stream().filter(d -> d.contains(reply)).findFirst().get());
            assertThat(item.get("id").asString()).isEqualTo(author.id() + ":" + reply);
            assertThat(item.get("type").asString()).isEqualTo("REPLY");
            assertThat(item.get("postId").asString()).isEqualTo(postId);
            assertThat(item.get("actor").get("displayName").asString()).isEqualTo("返信 七郎");
            assertThat(stream.lines).anyMatch(l -> l.text().equals("event:notification"))
                    .anyMatch(l -> l.text().equals("id:" + author.id() + ":" + reply));
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.lines.stream()
                    .filter(l -> l.text().equals(":heartbeat")).count() >= 2);
            await().during(Duration.ofSeconds(1)).until(() -> stream.data().stream()
                    .filter(d -> d.contains(reply)).count() == 1);
            assertThat(others.data()).noneMatch(d -> d.contains(postId));
        }

        // offline for a while, then back with Last-Event-ID: the missed notice comes first
        String lastSeen = author.id() + ":" + inboxAbout(author, postId).get(0).get("id").asString()
                .substring(author.id().length() + 1);
        String missed = publishReply(postId, "ライブ配信", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(missed) == 1);
        try (SseClient back = new SseClient(url, author.token(), lastSeen)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> back.data().stream().anyMatch(d -> d.contains(missed)));
            assertThat(back.data()).noneMatch(d -> d.contains(lastSeen.substring(author.id().length() + 1)));
        }
        assertThat(http().get().uri("/api/notifications/stream").retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(send("GET", author, "/api/notifications/unread-count", null).getStatusCode().value())
                .isEqualTo(200);
    }

    /**
     * Two listener threads or instances insert side by side: a notice created 2 s before the last one the client saw
     * is stored after it. Reconnecting with that one's id brings it; one created long before does not come again.
     */
    @Test
    void aReconnectGetsANoticeCreatedBeforeTheLastOneSeenButStoredAfterIt() {
        TestMember author = member("遅着 視聴");
        TestMember replier = member("遅着 返信");
        String url = "http://localhost:" + port + "/api/notifications/stream";
        String postId = unique("p");
        publishPost(postId, "general", "遅れて届く通知", author);
        String reply = publishReply(postId, "遅れて届く通知", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(reply) == 1);
        JsonNode lastSeen = inboxAbout(author, postId).get(0);
        Instant seenAt = Instant.parse(lastSeen.get("createdAt").asString());
        String late = storeNotice(author, postId, seenAt.minusSeconds(2));
        String old = storeNotice(author, postId, seenAt.minusSeconds(120));
        try (SseClient back = new SseClient(url, author.token(), lastSeen.get("id").asString())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> back.data().stream().anyMatch(d -> d.contains(late)));
            assertThat(back.data()).noneMatch(d -> d.contains(old));
        }
    }

    /** A notice stored now with the given creation time, as a slower thread would have stored it; returns its event id. */
    private String storeNotice(TestMember member, String postId, Instant createdAt) {
        String eventId = unique("late");
        inbox.insertAll(new NotificationContent(eventId, new Actor("m-late", "遅い 人"), postId, null, "general",
                        "遅れて届く通知", "遅れて保存された返信", null), createdAt,
                List.of(new InboxStore.NewNotice(member.id(), NotificationType.REPLY, InboxStore.NONE)), "test", false);
        return eventId;
    }

    @Test
    void aNoticeOnTheStreamHasTheSameMillisecondTimeStampAsInTheInbox() {
        TestMember author = member("時刻 視聴");
        TestMember replier = member("時刻 返信");
        String url = "http://localhost:" + port + "/api/notifications/stream";
        String postId = unique("p");
        publishPost(postId, "general", "時刻の形", author);
        try (SseClient stream = new SseClient(url, author.token(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(stream::connected);
            String reply = publishReply(postId, "時刻の形", author, replier);
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.data().stream().anyMatch(d -> d.contains(reply)));
            JsonNode live = JSON.readTree(stream.data().stream().filter(d -> d.contains(reply)).findFirst().get());
            String streamed = live.get("createdAt").asString();
            assertThat(streamed).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            JsonNode stored = inboxAbout(author, postId).get(0);
            assertThat(stored.get("createdAt").asString()).isEqualTo(streamed);
        }
    }
}
