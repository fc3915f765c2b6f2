package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SlackCaptureTest {

    private SlackCapture slack;
    private String base;

    @BeforeEach
    void start() throws Exception {
        int port = Ports.randomFree().slack();
        slack = new SlackCapture(port);
        slack.start();
        base = "http://localhost:" + port;
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    @Test
    void aFaultMakesEveryWebhookAnswerItsStatusUntilItIsEnded() {
        assertThat(TestHttp.postJson(base + "/api/faults?status=429&seconds=60", "").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = TestHttp.postJson(base + "/hooks/T000/B000/abc", "{\"text\":\"届かない\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        slack.fail(500, java.time.Duration.ofMinutes(1));
        assertThat(TestHttp.postJson(base + "/hooks/T000/B000/abc", "{\"text\":\"届かない\"}").statusCode())
                .isEqualTo(500);
        assertThat(TestHttp.getJson(base + "/api/messages").size()).as("refused posts are not stored").isZero();

        assertThat(TestHttp.delete(base + "/api/faults").statusCode()).isEqualTo(204);

        assertThat(TestHttp.postJson(base + "/hooks/T000/B000/abc", "{\"text\":\"届く\"}").statusCode()).isEqualTo(200);
        assertThat(TestHttp.postJson(base + "/api/faults?status=200", "").statusCode()).isEqualTo(400);
    }

    @Test
    void storesPostsAndListsThemNewestFirstPerWebhook() {
        assertThat(TestHttp.postJson(base + "/hooks/T000/B000/abc", "{\"text\":\"新しい投稿: 窓口業務のデジタル化\"}").body())
                .isEqualTo("ok");
        assertThat(TestHttp.postJson(base + "/hooks/T000/B000/abc", "{\"text\":\"second\"}").statusCode()).isEqualTo(200);
        TestHttp.postJson(base + "/hooks/other", "{\"text\":\"elsewhere\"}");

        JsonNode messages = TestHttp.getJson(base + "/api/messages?webhook=T000/B000/abc");

        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.get(0).get("webhook").asString()).isEqualTo("T000/B000/abc");
        assertThat(messages.get(0).get("body").get("text").asString()).isEqualTo("second");
        assertThat(messages.get(1).get("body").get("text").asString()).isEqualTo("新しい投稿: 窓口業務のデジタル化");
        assertThat(messages.get(0).get("receivedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(TestHttp.getJson(base + "/api/messages").size()).isEqualTo(3);
    }

    @Test
    void ratelimitedWebhookRefusesEverySecondRequestAndStoresOnlyTheAcceptedOnes() {
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfter = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> response = TestHttp.postJson(base + "/hooks/ratelimited-alerts", "{\"n\":" + i + "}");
            statuses.add(response.statusCode());
            retryAfter.add(response.headers().firstValue("Retry-After").orElse("-"));
        }
        // counted per path: another rate-limited webhook starts with an accepted request
        int otherFirst = TestHttp.postJson(base + "/hooks/ratelimited-other", "{\"n\":1}").statusCode();

        assertThat(statuses).containsExactly(200, 429, 200, 429, 200);
        assertThat(retryAfter).containsExactly("-", "1", "-", "1", "-");
        assertThat(otherFirst).isEqualTo(200);
        JsonNode stored = TestHttp.getJson(base + "/api/messages?webhook=ratelimited-alerts");
        assertThat(stored.size()).isEqualTo(3);
        assertThat(List.of(stored.get(0).get("body").get("n").asInt(), stored.get(1).get("body").get("n").asInt(),
                stored.get(2).get("body").get("n").asInt())).containsExactly(5, 3, 1);
    }

    @Test
    void rejectsWhatIsNotAJsonObjectAndClearsOnDelete() {
        HttpResponse<String> invalid = TestHttp.postJson(base + "/hooks/x", "not json");
        TestHttp.postJson(base + "/hooks/x", "{\"text\":\"kept until cleared\"}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).isEqualTo("invalid_payload");
        assertThat(TestHttp.getJson(base + "/api/messages?webhook=x").size()).isEqualTo(1);
        assertThat(TestHttp.delete(base + "/api/messages").statusCode()).isEqualTo(204);
        assertThat(TestHttp.getJson(base + "/api/messages").size()).isZero();
    }
}
