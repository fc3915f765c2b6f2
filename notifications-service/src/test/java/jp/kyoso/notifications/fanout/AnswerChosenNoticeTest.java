package jp.kyoso.notifications.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** ANSWER_CHOSEN: the author of the reply chosen as a question's answer hears of it (QuestionSolved), once. */
class AnswerChosenNoticeTest extends NotificationsTestBase {
    private static final String CONSUMER = "notifications-service.posts";
    private static final String TITLE = "公用車の予約はどうしていますか";

    @Test
    void theRepliesAuthorGetsOneNoticeAndOneMailEvenWhenTheEventComesAgain() throws Exception {
        TestMember asker = member("解決 質問者");
        TestMember helper = member("解決 回答者");
        TestMember watcher = member("解決 読者");
        String postId = unique("p");
        String replyId = unique("r");
        publishPost(postId, "general", TITLE, asker);
        String eventId = unique("evt");
        String json = JSON.writeValueAsString(solved(postId, replyId, asker, helper, asker));

        publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1", eventId, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(helper).size() == 1);
        JsonNode notice = notices(helper).get(0);
        assertThat(notice.get("postId").asString()).isEqualTo(postId);
        assertThat(notice.get("replyId").asString()).isEqualTo(replyId);
        assertThat(notice.get("title").asString()).isEqualTo(TITLE);
        assertThat(notice.get("actor").get("id").asString()).isEqualTo(asker.id());
        assertThat(notice.get("read").asBoolean()).isFalse();

        // redelivered, and again after the consumer's processed mark was lost
        publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1", eventId, json);
        String marker = publish(POSTS, postId, "kyoso.posts.QuestionReopened.v1", Map.of("postId", postId,
                "replyId", replyId, "by", asker.id(), "at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, marker));
        mongo.remove(Query.query(Criteria.where("_id").is(CONSUMER + ":" + eventId)), "processed_events");
        publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1", eventId, json);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, eventId));

        assertThat(storedNotices(eventId)).isEqualTo(1);
        assertThat(notices(helper)).hasSize(1);
        assertThat(storedNotices(marker)).isZero();
        assertThat(notices(asker)).isEmpty();
        assertThat(notices(watcher)).isEmpty();

        // it leaves the app by the member's mail mode (INSTANT by default): one mail, linking to the reply
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(helper.email()).size() == 1);
        MimeMessage mail = TestMail.to(helper.email()).get(0);
        String text = (String) mail.getContent();
        assertThat(text).contains("あなたの返信が『" + TITLE + "』の回答に選ばれました")
                .contains("Your reply was chosen as the answer to")
                .contains("https://kyoso.example/posts/" + postId + "#reply-" + replyId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> TestMail.to(helper.email()).size() == 1);
    }

    @Test
    void nobodyIsToldWhenTheRepliesAuthorChoseItThemselves() {
        TestMember asker = member("自己解決 質問者");
        String postId = unique("p");
        publishPost(postId, "general", TITLE, asker);
        String own = publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1",
                solved(postId, unique("r"), asker, asker, asker));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, own));
        assertThat(storedNotices(own)).isZero();
        assertThat(notices(asker)).isEmpty();
    }

    @Test
    void answerChosenIsAPreferenceTypeOnByDefaultThatTheMemberCanSwitchOff() {
        TestMember asker = member("設定 質問者");
        TestMember moderator = member("設定 モデレーター", "MEMBER", "MODERATOR");
        TestMember helper = member("設定 回答者");
        assertThat(json(get(helper, "/api/notifications/preferences")).get("types").get("ANSWER_CHOSEN")
                .asBoolean()).isTrue();
        String postId = unique("p");
        publishPost(postId, "general", TITLE, asker);
        // a moderator chose it: the notice names the moderator
        String byModerator = publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1",
                solved(postId, unique("r"), asker, helper, moderator));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(helper).size() == 1);
        assertThat(notices(helper).get(0).get("actor").get("id").asString()).isEqualTo(moderator.id());
        assertThat(storedNotices(byModerator)).isEqualTo(1);

        assertThat(send("PUT", helper, "/api/notifications/preferences",
                Map.of("types", Map.of("ANSWER_CHOSEN", false))).getStatusCode().value()).isEqualTo(200);
        String switchedOff = publish(POSTS, postId, "kyoso.posts.QuestionSolved.v1",
                solved(postId, unique("r"), asker, helper, asker));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, switchedOff));
        assertThat(storedNotices(switchedOff)).isZero();
    }

    /** QuestionSolved as posts-service writes it (docs/events.md). */
    private static Map<String, Object> solved(String postId, String replyId, TestMember asker, TestMember replyAuthor,
                                              TestMember chosenBy) {
        return Map.of("postId", postId, "channelSlug", "general", "title", TITLE, "questionAuthorId", asker.id(),
                "replyId", replyId, "replyAuthorId", replyAuthor.id(), "chosenBy", chosenBy.id(),
                "chosenAt", Instant.now().toString());
    }

    private List<JsonNode> notices(TestMember member) {
        return inbox(member).stream().filter(n -> "ANSWER_CHOSEN".equals(n.get("type").asString())).toList();
    }
}
