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
import tools.jackson.databind.JsonNode;

/** POST_HIDDEN: the author hears why a moderator hid their post (PostHidden with a note). */
class PostHiddenNoticeTest extends NotificationsTestBase {
    private static final String CONSUMER = "notifications-service.posts";
    private static final String TITLE = "電話番号を書いた投稿";

    @Test
    void theAuthorGetsThePostHiddenNoticeWithTheModeratorsNoteAndNobodyElseDoes() {
        TestMember author = member("非表示 作者");
        TestMember moderator = member("非表示 担当", "MEMBER", "MODERATOR");
        TestMember watcher = member("非表示 読者");
        String postId = unique("p");
        publishPost(postId, "general", TITLE, author);

        String hidden = publish(POSTS, postId, "kyoso.posts.PostHidden.v1", hidden(postId, author, moderator,
                true, "MODERATOR", "個人の電話番号が書かれているため非表示にしました"));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(author, "POST_HIDDEN").size() == 1);
        JsonNode notice = notices(author, "POST_HIDDEN").get(0);
        assertThat(notice.get("snippet").asString()).isEqualTo("個人の電話番号が書かれているため非表示にしました");
        assertThat(notice.get("title").asString()).isEqualTo(TITLE);
        assertThat(notice.get("postId").asString()).isEqualTo(postId);
        assertThat(storedNotices(hidden)).isEqualTo(1);

        // without a note, by reports, or shown again: nobody is told
        String noNote = publish(POSTS, postId, "kyoso.posts.PostHidden.v1", hidden(postId, author, moderator,
                true, "MODERATOR", null));
        String byReports = publish(POSTS, postId, "kyoso.posts.PostHidden.v1", hidden(postId, author, null,
                true, "REPORTS", null));
        String shown = publish(POSTS, postId, "kyoso.posts.PostHidden.v1", hidden(postId, author, moderator,
                false, "MODERATOR", "修正されたため"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, noNote)
                && processed(CONSUMER, byReports) && processed(CONSUMER, shown));
        assertThat(storedNotices(noNote) + storedNotices(byReports) + storedNotices(shown)).isZero();
        assertThat(notices(author, "POST_HIDDEN")).hasSize(1);
        assertThat(notices(watcher, "POST_HIDDEN")).isEmpty();
    }

    @Test
    void postHiddenIsAPreferenceTypeOnByDefaultThatTheAuthorCanSwitchOff() {
        TestMember author = member("非表示 設定");
        TestMember moderator = member("非表示 担当二", "MEMBER", "MODERATOR");
        assertThat(json(get(author, "/api/notifications/preferences")).get("types").get("POST_HIDDEN").asBoolean())
                .isTrue();
        assertThat(send("PUT", author, "/api/notifications/preferences",
                Map.of("types", Map.of("POST_HIDDEN", false))).getStatusCode().value()).isEqualTo(200);
        String postId = unique("p");
        publishPost(postId, "general", TITLE, author);
        String event = publish(POSTS, postId, "kyoso.posts.PostHidden.v1", hidden(postId, author, moderator,
                true, "MODERATOR", "理由"));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, event));
        assertThat(storedNotices(event)).isZero();
    }

    /** PostHidden as posts-service writes it: {@code note} null when the moderator gave no reason. */
    private static Map<String, Object> hidden(String postId, TestMember author, TestMember by, boolean hidden,
                                              String reason, String note) {
        Map<String, Object> data = new HashMap<>(Map.of("postId", postId, "channelSlug", "general",
                "hidden", hidden, "reason", reason, "by", by == null ? "system" : by.id(),
                "at", Instant.now().toString(), "postAuthorId", author.id(), "postTitle", TITLE));
        data.put("note", note);
        return data;
    }

    private List<JsonNode> notices(TestMember member, String type) {
        return inbox(member).stream().filter(n -> type.equals(n.get("type").asString())).toList();
    }
}
