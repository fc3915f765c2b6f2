package jp.kyoso.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.result.UpdateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.retention.RetentionPurge;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

/**
 * The unread count is one small document per member ({@code inbox_counters}), kept where the inbox changes, never
 * counted per request: after a fan-out, a redelivered event, mark-read, mark-all-read, a deleted post and the
 * retention purge it says what the inbox holds, and it never goes below zero.
 */
class UnreadCountTest extends NotificationsTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONSUMER = "notifications-service.posts";

    @Autowired
    RetentionPurge retention;

    @Test
    void theCounterFollowsFanOutRedeliveryReadAndReadAll() {
        TestMember author = member("未読 数子");
        TestMember replier = member("返信 二郎");
        String postId = unique("p");
        publishPost(postId, "general", "未読の数", author);
        // the welcome only: the first read counts the inbox once and keeps the counter from then on
        await().atMost(WAIT).until(() -> !inbox(author).isEmpty());
        assertThat(unread(author)).isEqualTo(1);
        assertThat(counter(author)).isEqualTo(1);
        // the counter is what is read: a change behind its back shows (nothing counts the inbox any more)
        mongo.updateFirst(Query.query(Criteria.where("_id").is(author.id())), new Update().inc("unread", 100),
                "inbox_counters");
        assertThat(unread(author)).isEqualTo(101);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(author.id())), new Update().inc("unread", -100),
                "inbox_counters");

        String eventId = unique("evt");
        String json = JSON.writeValueAsString(Map.of("postId", postId, "replyId", unique("r"), "channelSlug",
                "general", "postTitle", "未読の数", "postAuthorId", author.id(), "authorId", replier.id(),
                "excerpt", "一度だけ数える", "mentionedMemberIds", List.of(), "createdAt", Instant.now().toString()));
        publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", eventId, json);
        String second = publishReply(postId, "未読の数", author, replier);
        await().atMost(WAIT).until(() -> storedNotices(eventId) == 1 && storedNotices(second) == 1
                && processed(CONSUMER, second));
        assertThat(unread(author)).isEqualTo(3);

        // redelivered, even after its processed mark was lost: the insert writes nothing, the counter stays
        mongo.remove(Query.query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), "processed_events");
        publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", eventId, json);
        await().atMost(WAIT).until(() -> processed(CONSUMER, eventId));
        String marker = publishReply(postId, "未読の数", author, replier);
        await().atMost(WAIT).until(() -> processed(CONSUMER, marker));
        assertThat(storedNotices(eventId)).isEqualTo(1);
        assertThat(unread(author)).isEqualTo(4);
        assertThat(unread(author)).isEqualTo(unreadInTheInbox(author));

        // a notice read twice counts once
        String notice = author.id() + ":" + eventId;
        assertThat(send("POST", author, "/api/notifications/" + notice + "/read", null).getStatusCode().value())
                .isEqualTo(204);
        assertThat(send("POST", author, "/api/notifications/" + notice + "/read", null).getStatusCode().value())
                .isEqualTo(204);
        assertThat(unread(author)).isEqualTo(3);

        assertThat(send("POST", author, "/api/notifications/read-all", null).getStatusCode().value()).isEqualTo(204);
        assertThat(unread(author)).isZero();
        assertThat(send("POST", author, "/api/notifications/read-all", null).getStatusCode().value()).isEqualTo(204);
        assertThat(unread(author)).isZero();

        String third = publishReply(postId, "未読の数", author, replier);
        await().atMost(WAIT).until(() -> processed(CONSUMER, third));
        assertThat(unread(author)).isEqualTo(1).isEqualTo(unreadInTheInbox(author));
    }

    @Test
    void anAnnouncementCountsOncePerMemberAndADeletedPostTakesItsUnreadNoticesOff() {
        TestMember moderator = member("運営 知子", "MODERATOR");
        TestMember reader = member("読者 三郎");
        TestMember other = member("読者 四郎");
        await().atMost(WAIT).until(() -> inbox(reader).size() == 1 && inbox(other).size() == 1);
        assertThat(unread(reader)).isEqualTo(1);
        assertThat(unread(other)).isEqualTo(1);

        String postId = unique("p");
        String eventId = unique("evt");
        String json = JSON.writeValueAsString(post(postId, "announcements", "ANNOUNCEMENT", "全員へのお知らせ",
                moderator.id(), List.of()));
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", eventId, json);
        await().atMost(WAIT).until(() -> processed(CONSUMER, eventId));
        assertThat(unread(reader)).isEqualTo(2);
        assertThat(unread(other)).isEqualTo(2);

        // the same announcement again after its mark was lost: every notice is there, nobody counts twice
        mongo.remove(Query.query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), "processed_events");
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", eventId, json);
        await().atMost(WAIT).until(() -> processed(CONSUMER, eventId));
        String marker = publishPost(unique("p"), "general", "後の投稿", moderator);
        await().atMost(WAIT).until(() -> processed(CONSUMER, marker));
        assertThat(unread(reader)).isEqualTo(2);

        assertThat(send("POST", other, "/api/notifications/" + other.id() + ":" + eventId + "/read", null)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(unread(other)).isEqualTo(1);

        // the post is deleted: its notice goes, and only an unread one takes the count down
        String deleted = publish(POSTS, postId, "kyoso.posts.PostDeleted.v1", Map.of("postId", postId,
                "channelSlug", "announcements", "deletedBy", moderator.id(), "at", Instant.now().toString()));
        await().atMost(WAIT).until(() -> processed(CONSUMER, deleted));
        assertThat(storedNotices(eventId)).isZero();
        assertThat(unread(reader)).isEqualTo(1).isEqualTo(unreadInTheInbox(reader));
        assertThat(unread(other)).isEqualTo(1).isEqualTo(unreadInTheInbox(other));
    }

    @Test
    void theRetentionPurgeTakesExpiredUnreadNoticesOffTheCounterAndItNeverGoesBelowZero() {
        TestMember author = member("古い 通知子");
        TestMember replier = member("返信 五郎");
        String postId = unique("p");
        publishPost(postId, "general", "古い通知", author);
        String old = publishReply(postId, "古い通知", author, replier);
        String readOld = publishReply(postId, "古い通知", author, replier);
        String recent = publishReply(postId, "古い通知", author, replier);
        await().atMost(WAIT).until(() -> processed(CONSUMER, recent) && processed(CONSUMER, old)
                && processed(CONSUMER, readOld));
        // welcome + 3 replies
        assertThat(unread(author)).isEqualTo(4);
        send("POST", author, "/api/notifications/" + author.id() + ":" + readOld + "/read", null);
        assertThat(unread(author)).isEqualTo(3);

        // three of them (the welcome, one unread and one read reply) are older than the inbox's retention (365 days)
        Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(400)));
        mongo.updateMulti(Query.query(Criteria.where("_id").in(author.id() + ":" + old, author.id() + ":" + readOld)),
                new Update().set("createdAt", longAgo), "notifications");
        mongo.updateMulti(Query.query(Criteria.where("memberId").is(author.id()).and("type").is("WELCOME")),
                new Update().set("createdAt", longAgo), "notifications");
        RetentionPurge.Purged purged = retention.purge(Instant.now());
        assertThat(purged.notices()).isGreaterThanOrEqualTo(3);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(author.id() + ":" + old)), "notifications"))
                .isFalse();
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(author.id() + ":" + recent)), "notifications"))
                .isTrue();
        assertThat(unread(author)).isEqualTo(1).isEqualTo(unreadInTheInbox(author));

        // a counter that was too low (say, an attempt stopped between an insert and its increment) stops at zero
        mongo.updateFirst(Query.query(Criteria.where("_id").is(author.id())), new Update().set("unread", 0),
                "inbox_counters");
        send("POST", author, "/api/notifications/" + author.id() + ":" + recent + "/read", null);
        assertThat(counter(author)).isZero();
        assertThat(unread(author)).isZero();
    }

    @Test
    void noticesArrivingWhileATooLowCounterIsTakenDownAreNotLost() {
        String memberId = unique("m");
        mongo.insert(new Document("_id", memberId).append("unread", 1), "inbox_counters");
        // five notices arrive right after the decrement found the counter too low (1 < 3), before it is corrected
        MongoTemplate interleaved = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter()) {
            private boolean arrived;

            @Override
            public UpdateResult updateFirst(Query query, UpdateDefinition update, String collectionName) {
                UpdateResult result = super.updateFirst(query, update, collectionName);
                if (!arrived && result.getMatchedCount() == 0) {
                    arrived = true;
                    new UnreadCounters(mongo).added(Map.of(memberId, 5));
                }
                return result;
            }
        };

        new UnreadCounters(interleaved).removed(memberId, 3);

        // 1 + 5 - 3: before, the correction saw 6 (not below 3) and did nothing, so the three read notices stayed
        assertThat(((Number) mongo.findById(memberId, Document.class, "inbox_counters").get("unread")).longValue())
                .isEqualTo(3);
    }

    private long unread(TestMember member) {
        return json(get(member, "/api/notifications/unread-count")).get("count").asLong();
    }

    private long counter(TestMember member) {
        Document counter = mongo.findById(member.id(), Document.class, "inbox_counters");
        return counter == null ? -1 : ((Number) counter.get("unread")).longValue();
    }

    private long unreadInTheInbox(TestMember member) {
        return mongo.count(Query.query(Criteria.where("memberId").is(member.id()).and("read").is(false)),
                "notifications");
    }
}
