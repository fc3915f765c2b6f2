package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * POST_FLAGGED_OUTDATED: when a member flags a post 要確認 (情報が古い), its author and watchers hear of the first open
 * flag, once; never the flagger; a second flag while one is open tells nobody; after a clear, a new flag tells again.
 */
class PostFlaggedOutdatedNoticeTest extends NotificationsTestBase {
    private static final String CONSUMER = "notifications-service.posts";
    private static final String FLAGGED = "kyoso.posts.PostFlaggedOutdated.v1";
    private static final String TITLE = "住民票の写しの交付事務";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theAuthorAndAWatcherGetOneNoticeEachEvenWhenTheEventComesAgainAndTheFlaggerNone() throws Exception {
        TestMember author = member("古い 投稿者");
        TestMember watcher = member("古い 見守る人");
        TestMember flagger = member("古い 報告者");
        TestMember bystander = member("古い 通りすがり");
        String postId = unique("p");
        publishPost(postId, "general", TITLE, author);
        watch(watcher, postId);
        // the flagger watches the thread too: still not told of their own flag
        watch(flagger, postId);

        String eventId = unique("evt");
        String json = JSON.writeValueAsString(flagged(postId, author, flagger, "令和6年に法改正されています",
                "https://elaws.e-gov.go.jp/", true));
        publish(POSTS, postId, FLAGGED, eventId, json);
        await().atMost(WAIT).until(() -> notices(author).size() == 1 && notices(watcher).size() == 1);
        JsonNode notice = notices(author).get(0);
        assertThat(notice.get("postId").asString()).isEqualTo(postId);
        assertThat(notice.get("title").asString()).isEqualTo(TITLE);
        assertThat(notice.get("snippet").asString()).isEqualTo("令和6年に法改正されています");
        assertThat(notice.get("extra").asString()).isEqualTo("https://elaws.e-gov.go.jp/");
        assertThat(notice.get("channel").asString()).isEqualTo("general");
        // the flagger is not named (the banner does not name them either)
        assertThat(notice.get("actor").has("id") && !notice.get("actor").get("id").isNull()).isFalse();
        assertThat(notice.toString()).doesNotContain(flagger.id());

        // redelivered, and again after the consumer's processed mark was lost
        publish(POSTS, postId, FLAGGED, eventId, json);
        String marker = publish(POSTS, postId, "kyoso.posts.PostOutdatedConfirmed.v1", Map.of("postId", postId,
                "channelSlug", "general", "title", TITLE, "postAuthorId", author.id(), "by", "m-mod", "note", "確認",
                "openFlags", 1, "at", Instant.now().toString()));
        await().atMost(WAIT).until(() -> processed(CONSUMER, marker));
        mongo.remove(Query.query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), "processed_events");
        publish(POSTS, postId, FLAGGED, eventId, json);
        await().atMost(WAIT).until(() -> processed(CONSUMER, eventId));

        assertThat(storedNotices(eventId)).isEqualTo(2);
        assertThat(notices(author)).hasSize(1);
        assertThat(notices(watcher)).hasSize(1);
        assertThat(notices(flagger)).isEmpty();
        assertThat(notices(bystander)).isEmpty();
        // a confirmation tells nobody
        assertThat(storedNotices(marker)).isZero();

        // by the member's mail mode (INSTANT by default): one mail, with the reason and the link to the post
        await().atMost(WAIT).until(() -> TestMail.to(author.email()).size() == 1);
        String text = (String) TestMail.to(author.email()).get(0).getContent();
        assertThat(text).contains("『" + TITLE + "』に「情報が古い可能性がある」との報告がありました")
                .contains("was reported as possibly out of date")
                .contains("令和6年に法改正されています")
                .contains("https://kyoso.example/posts/" + postId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> TestMail.to(author.email()).size() == 1 && TestMail.to(flagger.email()).isEmpty());
    }

    @Test
    void aSecondFlagWhileOneIsOpenTellsNobodyAndAFlagAfterAClearTellsAgain() {
        TestMember author = member("二度目 投稿者");
        TestMember watcher = member("二度目 見守る人");
        TestMember first = member("二度目 一人目");
        TestMember second = member("二度目 二人目");
        String postId = unique("p");
        publishPost(postId, "general", TITLE, author);
        watch(watcher, postId);

        String one = publish(POSTS, postId, FLAGGED, flagged(postId, author, first, "古い", null, true));
        await().atMost(WAIT).until(() -> processed(CONSUMER, one));
        assertThat(storedNotices(one)).isEqualTo(2);
        String two = publish(POSTS, postId, FLAGGED, flagged(postId, author, second, "やはり古い", null, false));
        await().atMost(WAIT).until(() -> processed(CONSUMER, two));
        assertThat(storedNotices(two)).isZero();
        assertThat(notices(author)).hasSize(1);
        assertThat(notices(first)).isEmpty();

        String cleared = publish(POSTS, postId, "kyoso.posts.PostOutdatedCleared.v1", Map.of("postId", postId,
                "channelSlug", "general", "title", TITLE, "postAuthorId", author.id(), "by", "m-mod",
                "clearedFlags", 2, "at", Instant.now().toString()));
        await().atMost(WAIT).until(() -> processed(CONSUMER, cleared));
        assertThat(storedNotices(cleared)).isZero();
        // the author flags their own post after the clear: the watcher hears of it, the author does not
        String again = publish(POSTS, postId, FLAGGED, flagged(postId, author, author, "また改正", null, true));
        await().atMost(WAIT).until(() -> processed(CONSUMER, again));
        assertThat(storedNotices(again)).isEqualTo(1);
        assertThat(notices(watcher)).hasSize(2);
        assertThat(notices(author)).hasSize(1);
        // no link: no extra
        assertThat(notices(watcher).get(0).has("extra")).isFalse();
    }

    @Test
    void itIsAPreferenceTypeOnByDefaultAndAMuteSilencesIt() {
        TestMember author = member("設定 投稿者");
        TestMember muter = member("設定 ミュート");
        TestMember flagger = member("設定 報告者");
        assertThat(json(get(author, "/api/notifications/preferences")).get("types").get("POST_FLAGGED_OUTDATED")
                .asBoolean()).isTrue();
        String postId = unique("p");
        publishPost(postId, "general", TITLE, author);
        watch(muter, postId);
        assertThat(send("PUT", muter, "/api/notifications/subscriptions/posts/" + postId,
                Map.of("level", "MUTED")).getStatusCode().value()).isEqualTo(200);
        assertThat(send("PUT", author, "/api/notifications/preferences",
                Map.of("types", Map.of("POST_FLAGGED_OUTDATED", false))).getStatusCode().value()).isEqualTo(200);

        String event = publish(POSTS, postId, FLAGGED, flagged(postId, author, flagger, "古い", null, true));
        await().atMost(WAIT).until(() -> processed(CONSUMER, event));
        assertThat(storedNotices(event)).isZero();
    }

    private void watch(TestMember member, String postId) {
        assertThat(send("PUT", member, "/api/notifications/subscriptions/posts/" + postId,
                Map.of("level", "WATCHING")).getStatusCode().value()).isEqualTo(200);
    }

    /** PostFlaggedOutdated as posts-service writes it (docs/events.md). */
    private static Map<String, Object> flagged(String postId, TestMember author, TestMember flaggedBy, String reason,
                                               String link, boolean firstOpenFlag) {
        Map<String, Object> data = new HashMap<>();
        data.put("postId", postId);
        data.put("channelSlug", "general");
        data.put("title", TITLE);
        data.put("postAuthorId", author.id());
        data.put("flagId", unique("f"));
        data.put("flaggedBy", flaggedBy.id());
        data.put("reason", reason);
        data.put("link", link);
        data.put("at", Instant.now().toString());
        data.put("firstOpenFlag", firstOpenFlag);
        return data;
    }

    private List<JsonNode> notices(TestMember member) {
        return inbox(member).stream().filter(n -> "POST_FLAGGED_OUTDATED".equals(n.get("type").asString())).toList();
    }
}
