package jp.kyoso.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class SubscriptionTargetsTest extends NotificationsTestBase {
    private static final Map<String, String> WATCHING = Map.of("level", "WATCHING");

    @Test
    void channelsThatNoEventNamedAre404AndTheDefaultOnesAndCreatedOnesAreNot() {
        TestMember member = member("購読 先");
        assertThat(status(send("PUT", member, "/api/notifications/subscriptions/channels/general", WATCHING)))
                .isEqualTo(200);
        ResponseEntity<String> unknown = send("PUT", member, "/api/notifications/subscriptions/channels/"
                + unique("nochannel"), WATCHING);
        assertNotFound(unknown, "チャンネルが見つかりません");

        String created = unique("created");
        String event = publishChannel(created);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", event));
        assertThat(status(send("PUT", member, "/api/notifications/subscriptions/channels/" + created, WATCHING)))
                .isEqualTo(200);
        // a channel seen only through a post in it exists too
        String viaPost = unique("viapost");
        publishPost(unique("p"), viaPost, "チャンネルの投稿", member);
        assertThat(status(send("PUT", member, "/api/notifications/subscriptions/channels/" + viaPost, WATCHING)))
                .isEqualTo(200);
    }

    @Test
    void postsThatNoEventNamedOrThatWereDeletedAre404() {
        TestMember member = member("投稿 購読");
        assertNotFound(send("PUT", member, "/api/notifications/subscriptions/posts/" + unique("nopost"), WATCHING),
                "投稿が見つかりません");

        String postId = unique("p");
        // right after publishing: the request waits the grace for the event that is on its way
        publishPost(postId, "general", "購読される投稿", member);
        assertThat(status(send("PUT", member, "/api/notifications/subscriptions/posts/" + postId, WATCHING)))
                .isEqualTo(200);

        String deleted = publish(POSTS, postId, "kyoso.posts.PostDeleted.v1", Map.of("postId", postId,
                "channelSlug", "general", "deletedBy", member.id(), "deletedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed("notifications-service.posts", deleted));
        assertNotFound(send("PUT", member, "/api/notifications/subscriptions/posts/" + postId, WATCHING),
                "投稿が見つかりません");
    }

    private static int status(ResponseEntity<String> response) {
        return response.getStatusCode().value();
    }

    private static void assertNotFound(ResponseEntity<String> response, String detail) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(json(response).get("title").asString()).startsWith("見つかりません");
        assertThat(json(response).get("detail").asString()).contains(detail);
    }
}
