package jp.kyoso.notifications.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/notifications/preferences/slack-test} against the local Slack stand-in. */
class SlackTestMessageTest extends NotificationsTestBase {
    private static final String PATH = "/api/notifications/preferences/slack-test";

    @Test
    void theTestMessageIsPostedAtOnceToTheGivenWebhookOrElseToTheSavedOne() {
        TestMember member = member("テスト 送信");
        String given = unique("test-given");
        ResponseEntity<String> sent = send("POST", member, PATH,
                Map.of("slackWebhookUrl", FakeSlack.get().url(given)));
        assertThat(sent.getStatusCode().value()).as(sent.getBody()).isEqualTo(200);
        assertThat(json(sent).get("delivered").asBoolean()).isTrue();
        // answered only after Slack took it: no waiting needed
        assertThat(FakeSlack.get().accepted(given)).singleElement().satisfies(body -> assertThat(
                JSON.readTree(body).get("text").asString()).isEqualTo(SlackTestMessage.TEXT)
                .contains("共創 Kyoso からのテスト送信です").contains("A test message from Kyoso"));

        String saved = unique("test-saved");
        send("PUT", member, "/api/notifications/preferences", Map.of("slackWebhookUrl", FakeSlack.get().url(saved)));
        assertThat(send("POST", member, PATH, Map.of()).getStatusCode().value()).isEqualTo(200);
        // no body at all works too; a second message to the same webhook waits for its turn (one per second)
        ResponseEntity<String> noBody = send("POST", member, PATH, null);
        assertThat(noBody.getStatusCode().value()).as(noBody.getBody()).isEqualTo(200);
        List<FakeSlack.Request> requests = FakeSlack.get().requests(saved);
        assertThat(requests).hasSize(2).allMatch(r -> r.status() == 200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(FakeSlack.get().accepted(given)).hasSize(1);

        // sent directly, not queued as a delivery
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(member.id())), "deliveries")).isZero();
    }

    @Test
    void aWebhookThatSlackRefusesOrThatDoesNotAnswerIs422WithSlacksAnswerAndNeverTheUrl() {
        TestMember member = member("テスト 失敗");
        for (int status : new int[] {404, 403, 500, 503}) {
            String path = unique("status-" + status + "-test");
            ResponseEntity<String> refused = send("POST", member, PATH,
                    Map.of("slackWebhookUrl", FakeSlack.get().url(path)));
            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            JsonNode problem = json(refused);
            assertThat(problem.get("title").asString()).startsWith("Slack に送信できませんでした");
            assertThat(problem.get("detail").asString()).contains("HTTP " + status);
            assertThat(problem.has("errors")).isFalse();
            assertThat(refused.getBody()).doesNotContain(path).doesNotContain("/hooks/");
            assertThat(FakeSlack.get().requests(path)).hasSize(1);
        }
        assertThat(json(send("POST", member, PATH, Map.of("slackWebhookUrl",
                FakeSlack.get().url(unique("status-404-test"))))).get("detail").asString()).contains("no_service");

        // the stand-in answers slow- webhooks after 3 s; the tests wait 1 s (kyoso.slack.test.timeout). Another
        // member: this one has used up the five test messages of this minute
        TestMember patient = member("テスト 待機");
        long started = System.nanoTime();
        ResponseEntity<String> slow = send("POST", patient, PATH,
                Map.of("slackWebhookUrl", FakeSlack.get().url(unique("slow-test"))));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        assertThat(slow.getStatusCode().value()).as(slow.getBody()).isEqualTo(422);
        assertThat(json(slow).get("detail").asString()).contains("1 秒以内に応答がありませんでした");
    }

    @Test
    void aUrlThatPutWouldRefuseIsRefusedTooAndNothingIsSent() {
        TestMember member = member("テスト 入力");
        ResponseEntity<String> notAUrl = send("POST", member, PATH, Map.of("slackWebhookUrl", "not a url"));
        assertThat(notAUrl.getStatusCode().value()).as(notAUrl.getBody()).isEqualTo(400);
        assertThat(notAUrl.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(json(notAUrl).get("errors").get(0).get("field").asString()).isEqualTo("slackWebhookUrl");
        assertThat(json(notAUrl).get("errors").get(0).get("message").asString()).contains("Incoming Webhook");

        // well-formed but not an allowed Slack webhook: the same 422 as preferences PUT answers
        ResponseEntity<String> internal = send("POST", member, PATH,
                Map.of("slackWebhookUrl", "http://10.0.0.1/hooks/x"));
        assertThat(internal.getStatusCode().value()).as(internal.getBody()).isEqualTo(422);
        assertThat(json(internal).get("errors").get(0).get("field").asString()).isEqualTo("slackWebhookUrl");

        // nothing given and nothing saved
        ResponseEntity<String> none = send("POST", member, PATH, Map.of());
        assertThat(none.getStatusCode().value()).as(none.getBody()).isEqualTo(400);
        assertThat(json(none).get("errors").get(0).get("field").asString()).isEqualTo("slackWebhookUrl");

        assertThat(http().post().uri(PATH).retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aMemberMaySendFiveTestMessagesAMinuteAndThenGets429WithRetryAfter() {
        TestMember member = member("テスト 連打");
        TestMember other = member("テスト 別人");
        // refused input costs nothing
        assertThat(send("POST", member, PATH, Map.of("slackWebhookUrl", "not a url")).getStatusCode().value())
                .isEqualTo(400);
        for (int i = 0; i < 5; i++) {
            String path = unique("test-limit");
            ResponseEntity<String> sent = send("POST", member, PATH,
                    Map.of("slackWebhookUrl", FakeSlack.get().url(path)));
            assertThat(sent.getStatusCode().value()).as(i + ": " + sent.getBody()).isEqualTo(200);
        }
        String sixth = unique("test-limit");
        ResponseEntity<String> limited = send("POST", member, PATH,
                Map.of("slackWebhookUrl", FakeSlack.get().url(sixth)));
        assertThat(limited.getStatusCode().value()).as(limited.getBody()).isEqualTo(429);
        assertThat(limited.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.getHeaders().getFirst("Retry-After"))).isBetween(1L, 60L);
        assertThat(json(limited).get("detail").asString()).contains("テスト送信の回数が多すぎます");
        assertThat(FakeSlack.get().requests(sixth)).isEmpty();

        // the limit is the member's own
        assertThat(send("POST", other, PATH, Map.of("slackWebhookUrl", FakeSlack.get().url(sixth)))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(FakeSlack.get().accepted(sixth)).hasSize(1);
    }
}
