package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two notifications-service instances behind the gateway: a member whose live stream is held by one instance still
 * gets what the other one created, and nobody is notified twice.
 */
@ExtendWith(RunningPlatform.class)
class ScaledNotificationsIT {

    @Test
    void eachLiveStreamGetsEveryNoticeOnceWhicheverInstanceMadeIt() {
        Member author = Member.join("author@city.ishigaki.lg.jp", "ishigaki_author", "石垣 一郎", "石垣市", "472077");
        Member replier = Member.join("replier@town.yonaguni.lg.jp", "yonaguni_replier", "与那国 次郎", "与那国町",
                null);
        String onFirstInstance = "http://127.0.0.1:" + RunningPlatform.platform().ports().notifications()
                + "/api/notifications/stream";
        String onSecondInstance = "http://127.0.0.1:" + RunningPlatform.secondNotificationsPort()
                + "/api/notifications/stream";
        // one stream straight to each instance: whichever instance handles the events, the other one's stream must
        // get them too
        try (LiveStream onFirst = new LiveStream(onFirstInstance, author.accessToken);
             LiveStream onSecond = new LiveStream(onSecondInstance, author.accessToken)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> onFirst.connected() && onSecond.connected());
            Http.Response post = author.post("/api/posts", Map.of("channel", "general", "kind", "QUESTION",
                    "title", "アナログ規制の見直しについて", "body", "目視確認の規制をどう見直しましたか？", "tags",
                    List.of("アナログ規制")));
            assertThat(post.status()).as(post.body()).isEqualTo(201);
            String postId = post.json().get("id").asString();
            for (int i = 0; i < 3; i++) {
                assertThat(replier.post("/api/posts/" + postId + "/replies", Map.of("body", "返信 " + i)).status())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    onFirst.data.stream().filter(line -> line.contains(postId)).count() == 3
                            && onSecond.data.stream().filter(line -> line.contains(postId)).count() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> SeedStoryIT.ofType(author.notifications(), "REPLY")
                    .stream().filter(n -> postId.equals(n.path("postId").asString())).count() == 3);
        }
    }
}
