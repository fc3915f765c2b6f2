package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        Http.Response last = null;
        for (int i = 0; i < 200; i++) {
            last = Http.send("POST", Member.gateway() + "/api/auth/verify/resend", null,
                    Map.of("email", "flood@example.lg.jp"));
            if (last.status() == 429) {
                break;
            }
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
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
