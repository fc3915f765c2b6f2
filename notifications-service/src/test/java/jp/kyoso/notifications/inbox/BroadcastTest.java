package jp.kyoso.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.retention.RetentionPurge;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.SseClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * An announcement is stored once ({@code inbox_broadcasts}) and is in every active member's inbox at once; a member's
 * own copy, with its read state, is written the first time their inbox is looked at. Reading, counting, marking, the
 * live stream, deleting the post, erasing the author and the retention see no difference from a notice written for
 * each member.
 */
class BroadcastTest extends NotificationsTestBase {
    private static final String CONSUMER = "notifications-service.posts";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    RetentionPurge retention;

    @Test
    void anAnnouncementIsStoredOnceAndEachMembersCopyIsWrittenWhenTheyFirstLook() throws Exception {
        TestMember moderator = member("広報 担当", "MODERATOR");
        TestMember reader = member("読む 一郎");
        TestMember other = member("読む 二郎");
        TestMember switchedOff = member("不要 三郎");
        assertThat(send("PUT", switchedOff, "/api/notifications/preferences", Map.of("email", "INSTANT",
                "types", Map.of("ANNOUNCEMENT", false))).getStatusCode().value()).isEqualTo(200);
        long unreadBefore = unread(reader);

        String postId = unique("p");
        String event = unique("evt");
        announce(postId, event, "庁舎の停電のお知らせ", moderator);
        await().atMost(WAIT).until(() -> processed(CONSUMER, event));

        assertThat(mongo.findById(event, Document.class, "inbox_broadcasts")).isNotNull();
        assertThat(copyOf(reader, event)).as("nobody has looked yet").isNull();
        assertThat(copyOf(other, event)).isNull();
        // the shared database's members whose mail waits for the digest got theirs already
        long copies = storedNotices(event);

        // the count is the first look: the copy is written, unread, and counted once however often one asks
        assertThat(unread(reader)).isEqualTo(unreadBefore + 1);
        assertThat(copyOf(reader, event).getBoolean("read")).isFalse();
        assertThat(unread(reader)).isEqualTo(unreadBefore + 1);
        List<JsonNode> about = inboxAbout(reader, postId);
        assertThat(about).singleElement().satisfies(notice -> {
            assertThat(notice.get("id").asString()).isEqualTo(reader.id() + ":" + event);
            assertThat(notice.get("type").asString()).isEqualTo("ANNOUNCEMENT");
            assertThat(notice.get("title").asString()).isEqualTo("庁舎の停電のお知らせ");
            assertThat(notice.get("actor").get("displayName").asString()).isEqualTo("広報 担当");
        });
        assertThat(storedNotices(event)).isEqualTo(copies + 1);

        // marking a notice read before ever listing it: the mark writes the copy, read
        assertThat(send("POST", other, "/api/notifications/" + other.id() + ":" + event + "/read", null)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(copyOf(other, event).getBoolean("read")).isTrue();
        assertThat(inboxAbout(other, postId)).singleElement()
                .satisfies(notice -> assertThat(notice.get("read").asBoolean()).isTrue());

        // left out as the fan-out to every member left them out: the author, who switched it off, who came later
        assertThat(inboxAbout(moderator, postId)).isEmpty();
        assertThat(inboxAbout(switchedOff, postId)).isEmpty();
        TestMember later = member("新任 四郎");
        assertThat(inboxAbout(later, postId)).isEmpty();
        assertThat(copyOf(moderator, event)).isNull();
        assertThat(copyOf(switchedOff, event)).isNull();
        assertThat(copyOf(later, event)).isNull();
        assertThat(storedNotices(event)).isEqualTo(copies + 2);
    }

    @Test
    void theLiveStreamShowsItAtOnceAndAReconnectingClientCatchesUpFromIt() throws Exception {
        TestMember moderator = member("広報 次郎", "MODERATOR");
        TestMember reader = member("接続 花子");
        String url = "http://localhost:" + port + "/api/notifications/stream";
        String postId = unique("p");
        String event = unique("evt");
        String id = reader.id() + ":" + event;
        try (SseClient stream = new SseClient(url, reader.token(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(stream::connected);
            announce(postId, event, "防災訓練のお知らせ", moderator);
            await().atMost(WAIT).until(() -> stream.events("notification").stream().anyMatch(e -> e.contains(id)));
        }
        // the client went away after it and reconnects with the last id it saw, which it never listed
        String mention = publishPost(unique("p"), "general", "訓練の集合場所", moderator, reader);
        await().atMost(WAIT).until(() -> processed(CONSUMER, mention));
        try (SseClient again = new SseClient(url, reader.token(), id)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> again.events("notification").stream()
                    .anyMatch(e -> e.contains(reader.id() + ":" + mention)));
        }
        assertThat(copyOf(reader, event)).isNotNull();
    }

    @Test
    void aDeletedAnnouncementLeavesEveryInboxAndAnErasedAuthorIsNoLongerNamed() throws Exception {
        TestMember moderator = member("退任 広報", "MODERATOR");
        TestMember looked = member("見た 五郎");
        TestMember notYet = member("まだ 六郎");
        TestMember never = member("見ない 九郎");
        TestMember gone = member("退会 十郎");
        String postId = unique("p");
        String event = unique("evt");
        announce(postId, event, "窓口の移転", moderator);
        await().atMost(WAIT).until(() -> processed(CONSUMER, event));
        assertThat(inboxAbout(looked, postId)).hasSize(1);

        // a member who left before looking gets no copy: their inbox was erased and stays so
        publish(MEMBERS, gone.id(), "kyoso.members.MemberDeactivated.v1",
                Map.of("memberId", gone.id(), "deactivatedAt", Instant.now().toString()));
        await().atMost(WAIT).until(() -> directory.find(gone.id()).deactivated());
        assertThat(inbox(gone)).isEmpty();
        assertThat(copyOf(gone, event)).isNull();

        publish(MEMBERS, moderator.id(), "kyoso.members.MemberDeactivated.v1",
                Map.of("memberId", moderator.id(), "deactivatedAt", Instant.now().toString()));
        await().atMost(WAIT).until(() -> directory.find(moderator.id()).deactivated());
        await().atMost(WAIT).until(() -> !mongo.findById(event, Document.class, "inbox_broadcasts")
                .containsKey("actorName"));
        for (TestMember member : List.of(looked, notYet)) {
            assertThat(inboxAbout(member, postId)).singleElement().satisfies(notice -> assertThat(
                    notice.get("actor").get("displayName").asString()).isEqualTo(Actor.FORMER_MEMBER_NAME));
        }

        long unreadBefore = unread(notYet);
        String deleted = publish(POSTS, postId, "kyoso.posts.PostDeleted.v1", Map.of("postId", postId,
                "channelSlug", "announcements", "deletedBy", moderator.id(), "at", Instant.now().toString()));
        await().atMost(WAIT).until(() -> processed(CONSUMER, deleted));
        assertThat(mongo.findById(event, Document.class, "inbox_broadcasts")).isNull();
        assertThat(storedNotices(event)).isZero();
        assertThat(inboxAbout(looked, postId)).isEmpty();
        assertThat(unread(notYet)).isEqualTo(unreadBefore - 1);
        assertThat(inboxAbout(never, postId)).isEmpty();
        assertThat(copyOf(never, event)).isNull();
    }

    @Test
    void anExpiredBroadcastIsPurgedAndNobodyGetsItAfterwards() throws Exception {
        TestMember moderator = member("古い 広報", "MODERATOR");
        TestMember reader = member("遅い 八郎");
        String postId = unique("p");
        String event = unique("evt");
        announce(postId, event, "去年のお知らせ", moderator);
        await().atMost(WAIT).until(() -> processed(CONSUMER, event));
        // as if it had been stored two years ago
        mongo.updateFirst(Query.query(Criteria.where("_id").is(event)),
                new Update().set("createdAt", Date.from(Instant.now().minus(Duration.ofDays(730)))),
                "inbox_broadcasts");

        assertThat(retention.purge(Instant.now()).notices()).isGreaterThanOrEqualTo(1);

        assertThat(mongo.findById(event, Document.class, "inbox_broadcasts")).isNull();
        assertThat(inboxAbout(reader, postId)).isEmpty();
        assertThat(copyOf(reader, event)).isNull();
    }

    /** posts-service's PostPublished of an announcement in #announcements. */
    private void announce(String postId, String event, String title, TestMember author) throws Exception {
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", event, JSON.writeValueAsString(
                post(postId, "announcements", "ANNOUNCEMENT", title, author.id(), List.of())));
    }

    private Document copyOf(TestMember member, String event) {
        return mongo.findById(member.id() + ":" + event, Document.class, "notifications");
    }

    private long unread(TestMember member) {
        return json(get(member, "/api/notifications/unread-count")).get("count").asLong();
    }
}
