package jp.kyoso.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.NotificationsApplication;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.SseClient;
import jp.kyoso.notifications.support.TestMail;
import jp.kyoso.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two notifications-service instances on different ports, one broker, one database (as behind the gateway): they
 * share the consumer group, so each event is handled by one of them, and a member's stream on either instance gets
 * every notice exactly once.
 */
class TwoInstancesTest extends NotificationsTestBase {
    @Autowired
    Environment environment;
    @Autowired
    InstanceId instanceId;

    @Test
    void aStreamOnEitherInstanceGetsEveryNoticeOnceWhicheverInstanceStoredIt() {
        // command-line arguments, which win over application.yml (default properties would not)
        List<String> arguments = new ArrayList<>();
        for (String property : TEST_PROPERTIES) {
            arguments.add("--" + property);
        }
        arguments.add("--server.port=0");
        arguments.add("--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"));
        arguments.add("--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"));
        arguments.add("--spring.cloud.stream.kafka.binder.brokers="
                + environment.getProperty("spring.kafka.bootstrap-servers"));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(NotificationsApplication.class)
                .initializers(new TestTokens(), new TestMail()).run(arguments.toArray(String[]::new))) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            TestMember author = member("二台 構成");
            TestMember replier = member("返信 八郎");
            String postId = unique("p");
            publishPost(postId, "general", "二つのインスタンス", author);
            try (SseClient onFirst = new SseClient("http://localhost:" + port + "/api/notifications/stream",
                    author.token(), null);
                 SseClient onSecond = new SseClient("http://localhost:" + secondPort + "/api/notifications/stream",
                         author.token(), null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> onFirst.connected() && onSecond.connected());
                List<String> replies = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    replies.add(publishReply(postId, "二つのインスタンス", author, replier));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> replies.stream().allMatch(reply ->
                        onFirst.arrival(reply) > 0 && onSecond.arrival(reply) > 0));
                await().during(Duration.ofSeconds(1)).until(() -> count(onFirst, postId) == 6
                        && count(onSecond, postId) == 6);
                assertThat(inboxAbout(author, postId)).hasSize(6);

                // every notice was stored by one of the two instances, and each stream got it exactly once: the one
                // on the instance that stored it at once, the other one through the stream topic
                String firstId = instanceId.value();
                String secondId = second.getBean(InstanceId.class).value();
                assertThat(firstId).isNotEqualTo(secondId);
                for (String reply : replies) {
                    Document stored = mongo.findById(author.id() + ":" + reply, Document.class, "notifications");
                    String origin = stored.getString("origin");
                    assertThat(origin).isIn(firstId, secondId);
                    SseClient onOther = origin.equals(firstId) ? onSecond : onFirst;
                    SseClient onOrigin = origin.equals(firstId) ? onFirst : onSecond;
                    assertThat(count(onOther, reply)).as("relayed to the other instance's stream").isEqualTo(1);
                    assertThat(count(onOrigin, reply)).as("shown on the storing instance's stream").isEqualTo(1);
                }
            }
        }
    }

    /** Data lines that mention the text (a post id, or an event id, which is part of the notice's id). */
    private static long count(SseClient client, String text) {
        return client.data().stream().filter(d -> d.contains(text)).count();
    }
}
