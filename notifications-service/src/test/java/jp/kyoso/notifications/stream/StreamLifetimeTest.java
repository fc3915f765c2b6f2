package jp.kyoso.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.SseClient;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A live stream does not outlive its access token: it closes at the token's {@code exp} and when members-service
 * revokes the token ({@code MemberTokensRevoked}); and a member has at most {@code kyoso.stream.max-per-member} (5)
 * streams, a sixth one closing the oldest. Revoked tokens are refused for every request within seconds.
 */
class StreamLifetimeTest extends NotificationsTestBase {

    private String url() {
        return "http://localhost:" + port + "/api/notifications/stream";
    }

    @Test
    void aStreamClosesAtItsTokensExpiry() {
        TestMember member = member("期限 確認");
        Instant now = Instant.now();
        // exp counts whole seconds
        Instant expiry = now.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String shortLived = TestTokens.accessToken(member.id(), member.handle(), member.displayName(), now, expiry);
        try (SseClient stream = new SseClient(url(), shortLived, null);
             SseClient longLived = new SseClient(url(), member.token(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.connected() && longLived.connected());
            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(Instant.now()).isAfterOrEqualTo(expiry);
            assertThat(stream.events("closed")).singleElement().asString().contains("TOKEN_EXPIRED");
            assertThat(longLived.ended()).isFalse();
        }
    }

    @Test
    void aRevokedTokenIsRefusedWithinSecondsItsStreamClosesAndANewTokenWorks() {
        TestMember member = member("退会 予定");
        TestMember bystander = member("残る 人");
        try (SseClient stream = new SseClient(url(), member.token(), null);
             SseClient other = new SseClient(url(), bystander.token(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.connected() && other.connected());
            assertThat(get(member, "/api/notifications/unread-count").getStatusCode().value()).isEqualTo(200);

            Instant notBefore = Instant.now();
            publish(MEMBERS, member.id(), "kyoso.members.MemberTokensRevoked.v1", Map.of("memberId", member.id(),
                    "notBefore", notBefore.toString(), "reason", "DEACTIVATED"));

            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.events("closed")).singleElement().asString().contains("TOKEN_REVOKED");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    get(member, "/api/notifications/unread-count").getStatusCode().value() == 401);
            var refused = get(member, "/api/notifications/unread-count");
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(json(refused).get("detail").asString())
                    .isEqualTo("トークンは取り消されました。もう一度ログインしてください / "
                            + "This token has been revoked; please log in again");
            assertThat(other.ended()).isFalse();
            assertThat(get(bystander, "/api/notifications/unread-count").getStatusCode().value()).isEqualTo(200);

            // a token issued after the revocation, even within the same second, is good
            TestMember again = new TestMember(member.id(), member.handle(), member.displayName(), member.email(),
                    TestTokens.accessToken(member.id(), member.handle(), member.displayName(),
                            notBefore.plusMillis(1), notBefore.plusSeconds(900)));
            assertThat(get(again, "/api/notifications/unread-count").getStatusCode().value()).isEqualTo(200);
            try (SseClient fresh = new SseClient(url(), again.token(), null)) {
                await().atMost(Duration.ofSeconds(10)).until(fresh::connected);
            }
        }
    }

    @Test
    void aSixthStreamClosesTheOldest() {
        TestMember member = member("タブ 多数");
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient stream = new SseClient(url(), member.token(), null);
                streams.add(stream);
                // one after the other, so that "oldest" is well defined
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.stream()
                        .anyMatch(l -> l.text().equals(":connected")));
            }
            SseClient sixth = new SseClient(url(), member.token(), null);
            streams.add(sixth);
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.get(0).ended());
            assertThat(streams.get(0).events("closed")).singleElement().asString().contains("TOO_MANY_STREAMS");
            assertThat(streams.get(0).lines).anyMatch(l -> l.text().equals("retry:60000"));
            await().atMost(Duration.ofSeconds(5)).until(sixth::connected);
            assertThat(streams.subList(1, 6)).noneMatch(SseClient::ended);
        } finally {
            streams.forEach(SseClient::close);
        }
    }
}
