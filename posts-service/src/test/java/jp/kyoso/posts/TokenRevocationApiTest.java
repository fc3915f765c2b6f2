package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kyoso.posts.support.MemberEvents;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code MemberTokensRevoked} from members-service: the member's tokens issued before {@code notBefore} are refused
 * (401 problem+json) within seconds; tokens issued after it work.
 */
class TokenRevocationApiTest extends PostsServiceTest {
    private static final String REVOKED = "トークンは取り消されました。もう一度ログインしてください / "
            + "This token has been revoked; please log in again";
    private final MemberEvents events = new MemberEvents(kafka());

    @AfterEach
    void close() {
        events.close();
    }

    private Instant revoke(TestMember member, String reason) {
        Instant notBefore = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("notBefore", notBefore.toString());
        data.put("reason", reason);
        events.send("MemberTokensRevoked", member.id(), data);
        return notBefore;
    }

    @Test
    void aDeactivatedMembersTokenStopsWorkingWithinSeconds() {
        TestMember leaver = member("退会 する人");
        TestMember stays = member("残る 人");
        assertThat(api(leaver).get("/api/channels").status()).isEqualTo(200);

        revoke(leaver, "DEACTIVATED");

        await().atMost(Duration.ofSeconds(10)).until(() -> api(leaver).get("/api/channels").status() == 401);
        var refused = api(leaver).get("/api/channels");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).isEqualTo(REVOKED);
        assertThat(api(stays).get("/api/channels").status()).isEqualTo(200);
    }

    @Test
    void aModeratorWhoseRoleWasRemovedGets401WithTheOldTokenAndTheNewTokenIsAPlainMembers() {
        TestMember demoted = moderator("元 モデレーター");
        TestMember stillModerator = moderator("現 モデレーター");
        assertThat(api(demoted).get("/api/moderation/reports").status()).isEqualTo(200);

        Instant notBefore = revoke(demoted, "ROLES_CHANGED");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> api(demoted).get("/api/moderation/reports").status() == 401);
        assertThat(api(stillModerator).get("/api/moderation/reports").status()).isEqualTo(200);
        // the token the client gets right after (same second, a millisecond later) carries the new roles and works
        TestMember renewed = new TestMember(demoted.id(), demoted.handle(), demoted.displayName(),
                TestTokens.accessToken(demoted.id(), demoted.handle(), demoted.displayName(), notBefore.plusMillis(1),
                        notBefore.plusSeconds(900), "MEMBER"));
        assertThat(api(renewed).get("/api/channels").status()).isEqualTo(200);
        assertThat(api(renewed).get("/api/moderation/reports").status()).isEqualTo(403);
    }
}
