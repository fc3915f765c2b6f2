package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import jp.kyoso.local.LocalPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What clients see when things go wrong: every answer the gateway gives itself is a clear problem+json. */
@ExtendWith(RunningPlatform.class)
class GatewayFailuresIT {
    static Member member;

    @BeforeAll
    static void aMember() {
        member = Member.join("failures@city.urasoe.lg.jp", "urasoe_staff", "浦添 花子", "浦添市", "472085");
    }

    @Test
    void aStoppedPostsServiceGivesAFast503WhileOtherRoutesWorkAndItRecoversByItself() {
        LocalPlatform platform = RunningPlatform.platform();
        platform.stopService("posts-service");
        try {
            Http.Response down = member.get("/api/channels");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Content-Type")).startsWith("application/problem+json");
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(down.json().get("detail").asString()).isNotBlank();
            assertThat(down.json().get("title").asString()).contains("Service unavailable");
            assertThat(member.get("/api/members/me").status()).isEqualTo(200);
            assertThat(member.get("/api/notifications/unread-count").status()).isEqualTo(200);
        } finally {
            platform.startService("posts-service");
        }
        await("posts-service back behind the gateway").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> member.get("/api/channels").status() == 200);
    }

    @Test
    void aBodyOf70KbGives413() {
        String body = "窓".repeat(24_000);
        Http.Response tooLarge = member.post("/api/posts", Map.of("channel", "general", "kind", "DISCUSSION",
                "title", "長すぎる投稿", "body", body, "tags", List.of()));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aFloodWithoutATokenGets429WithRetryAfter() {
        // all at once, so that even a slow runner goes over the anonymous rate
        List<CompletableFuture<HttpResponse<String>>> flood = IntStream.range(0, 60)
                .mapToObj(i -> Http.CLIENT.sendAsync(anonymousResend(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers = flood.stream().map(CompletableFuture::join).toList();

        HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        assertThat(refused).as("one of 60 simultaneous anonymous requests refused").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).isNotBlank());
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        // the anonymous budget is shared with the classes that run after this one: let it refill
        await("anonymous requests accepted again").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.CLIENT.send(anonymousResend(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() != 429);
    }

    private static HttpRequest anonymousResend() {
        return HttpRequest.newBuilder(URI.create(Member.gateway() + "/api/auth/verify/resend"))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"flood@example.lg.jp\"}",
                        StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void unknownRoutesAndMissingTokensAreProblems() {
        Http.Response unknown = member.get("/api/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Http.Response anonymous = Http.get(Member.gateway() + "/api/posts", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.header("X-Request-Id")).isNotBlank();
    }
}
