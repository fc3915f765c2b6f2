package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import jp.kyoso.e2e.TraceReceiver.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One trace follows a reply from the gateway through posts-service, Kafka and notifications-service to the mail that
 * tells the thread's author about it: W3C traceparent over HTTP, over the outbox and the Kafka record headers, and over
 * the queued delivery that sends the mail seconds later.
 */
@ExtendWith(RunningPlatform.class)
class TracingIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oneTraceFollowsAReplyFromTheGatewayToTheMailSentToTheThreadsAuthor() {
        Member author = Member.join("tamaki.kikaku@town.yomitan.lg.jp", "tamaki_kikaku", "玉城 光", "読谷村", null);
        Member answerer = Member.join("chinen.joho@city.nanjo.lg.jp", "chinen_joho", "知念 誠", "南城市", null);
        Http.Response posted = author.post("/api/posts", Map.of("channel", "general", "kind", "QUESTION",
                "title", "庁内チャットの保存期間", "body", "庁内チャットのログは何年保存していますか。規程の例を探しています。"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String postId = posted.json().get("id").asString();

        // the caller starts the trace, as a browser with tracing or an upstream proxy would
        String traceId = randomHex(16);
        Http.Response replied = Http.send("POST", Member.gateway() + "/api/posts/" + postId + "/replies",
                answerer.accessToken, Map.of("body", "南城市は5年です。文書管理規程の別表に書いています。"),
                Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));
        assertThat(replied.status()).as(replied.body()).isEqualTo(201);

        String mails = RunningPlatform.platform().mailApiUrl() + "/api/messages?to="
                + URLEncoder.encode(author.email, StandardCharsets.UTF_8);
        await("the reply's notice mail to the author").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode mail : Http.get(mails, null).json()) {
                        if (mail.path("text").asString().contains("南城市は5年です")) {
                            return true;
                        }
                    }
                    return false;
                });

        await("the reply's spans from every process").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<ReceivedSpan> trace = RunningPlatform.traces().spansOf(traceId);
                    Map<String, List<String>> namesByService = trace.stream().collect(Collectors.groupingBy(
                            ReceivedSpan::service, Collectors.mapping(ReceivedSpan::name, Collectors.toList())));
                    assertThat(namesByService).as("spans of trace %s", traceId)
                            .containsKeys("gateway", "posts-service", "notifications-service");
                    // the reply's request, at the gateway and at posts-service
                    assertThat(namesByService.get("gateway")).anyMatch(name -> name.startsWith("http post"));
                    assertThat(namesByService.get("posts-service")).anyMatch(name -> name.startsWith("http post"));
                    // the Kafka record consumed by notifications-service, and the mail delivery it queued
                    assertThat(namesByService.get("notifications-service"))
                            .anyMatch(name -> name.contains("kyoso.posts.v1"))
                            .contains("deliver mail");
                });

        // one tree: every span but the caller's own starts from a span of the same trace
        List<ReceivedSpan> trace = RunningPlatform.traces().spansOf(traceId);
        List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
        long orphans = trace.stream().filter(span -> !ids.contains(span.parentSpanId())).count();
        assertThat(orphans).as("spans whose parent is not in the trace: %s", trace).isEqualTo(1);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
