package jp.kyoso.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The generic Idempotency-Key of platform-support on a notifications POST: a retried Slack test message (a direct
 * action with an effect outside: a message in someone's Slack) is sent once, and the retry gets the first answer.
 */
class IdempotencyKeyApiTest extends NotificationsTestBase {
    private static final String PATH = "/api/notifications/preferences/slack-test";

    @Test
    void aRetriedSlackTestMessageWithTheSameKeyIsSentOnceAndAnswersTheFirstResult() {
        TestMember member = member("再送 テスト");
        String hook = unique("idempotent-test");
        String body = JSON.writeValueAsString(Map.of("slackWebhookUrl", FakeSlack.get().url(hook)));
        String key = UUID.randomUUID().toString();

        ResponseEntity<String> first = post(member, body, key);
        ResponseEntity<String> retried = post(member, body, key);

        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(retried.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.getBody()).isEqualTo(first.getBody()).contains("\"delivered\":true");
        // answered only after Slack took it: no waiting needed
        assertThat(FakeSlack.get().requests(hook)).hasSize(1);

        // the same key for another webhook: 422 and nothing sent there
        String other = unique("idempotent-other");
        ResponseEntity<String> refused = post(member,
                JSON.writeValueAsString(Map.of("slackWebhookUrl", FakeSlack.get().url(other))), key);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(FakeSlack.get().requests(other)).isEmpty();

        // without a key every request runs
        assertThat(post(member, body, null).getStatusCode().value()).isEqualTo(200);
        assertThat(FakeSlack.get().requests(hook)).hasSize(2);
    }

    private ResponseEntity<String> post(TestMember member, String body, String key) {
        var request = http().method(HttpMethod.POST).uri(PATH).header("Authorization", "Bearer " + member.token())
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(body).retrieve().toEntity(String.class);
    }
}
