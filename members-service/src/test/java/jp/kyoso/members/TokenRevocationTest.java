package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Leaving, a role change and logging out everywhere revoke the member's access tokens: members-service refuses the
 * old ones at once (it reads the member's {@code tokensNotBefore}) and publishes {@code MemberTokensRevoked} in the
 * same update as the change, for the other services and the gateway. A token issued after the change works, even
 * within the same second.
 */
class TokenRevocationTest extends MembersServiceTest {
    private static final String TYPE = "kyoso.members.MemberTokensRevoked.v1";
    private static final String REVOKED = "トークンは取り消されました。もう一度ログインしてください / "
            + "This token has been revoked; please log in again";

    /** The {@code nth} (1-based) revocation of the member for the reason, once it has been published. */
    private JsonNode revocationOf(String memberId, String reason, int nth) {
        await().atMost(Duration.ofSeconds(20)).until(() -> revocations(memberId, reason).size() >= nth);
        return Http.JSON.readTree(revocations(memberId, reason).get(nth - 1).value());
    }

    private JsonNode revocationOf(String memberId, String reason) {
        return revocationOf(memberId, reason, 1);
    }

    private static List<TopicProbe.Received> revocations(String memberId, String reason) {
        return memberEvents().awaitRecords(r -> memberId.equals(r.key()) && TYPE.equals(r.type())
                && r.value().contains(reason), Duration.ofSeconds(20));
    }

    @Test
    void aModeratorWhoseRoleWasRemovedGets401WithTheOldTokenAndANewTokenWorksAtOnce() {
        ActiveMember demoted = newModerator();
        ActiveMember target = newMember();
        String endpoint = "/api/members/" + target.id() + "/roles";
        assertThat(http.put(endpoint, Map.of("roles", List.of("MEMBER")), demoted.accessToken()).status())
                .isEqualTo(200);

        Http.Response removed = http.put("/api/members/" + demoted.id() + "/roles",
                Map.of("roles", List.of("MEMBER")), admin().accessToken());
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);

        Http.Response refused = http.put(endpoint, Map.of("roles", List.of("MEMBER")), demoted.accessToken());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).isEqualTo(REVOKED);
        assertThat(http.get("/api/members/me", demoted.accessToken()).status()).isEqualTo(401);

        // the next token, right away (usually the same second), has the new roles and works: a plain member now
        ActiveMember renewed = login(demoted.email());
        assertThat(http.get("/api/members/me", renewed.accessToken()).status()).isEqualTo(200);
        assertThat(http.put(endpoint, Map.of("roles", List.of("MEMBER")), renewed.accessToken()).status())
                .isEqualTo(403);

        // the first ROLES_CHANGED is the appointment (newModerator), the second the removal
        JsonNode event = revocationOf(demoted.id(), "ROLES_CHANGED", 2);
        assertThat(event.get("memberId").asString()).isEqualTo(demoted.id());
        Instant notBefore = Instant.parse(event.get("notBefore").asString());
        assertThat(notBefore).isBefore(Instant.now().plusSeconds(1));
        assertThat(claimsOf(renewed.accessToken()).get("iat_ms").asLong())
                .isGreaterThanOrEqualTo(notBefore.toEpochMilli());
        assertThat(claimsOf(demoted.accessToken()).get("iat_ms").asLong()).isLessThan(notBefore.toEpochMilli());
    }

    @Test
    void loggingOutEverywhereRevokesTheAccessTokensOfEveryDevice() {
        ActiveMember member = newMember();
        ActiveMember laptop = login(member.email());
        ActiveMember other = newMember();

        assertThat(http.post("/api/auth/logout-all", null, laptop.accessToken()).status()).isEqualTo(204);

        for (String token : List.of(member.accessToken(), laptop.accessToken())) {
            Http.Response refused = http.get("/api/members/me", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text("detail")).isEqualTo(REVOKED);
        }
        assertThat(http.get("/api/members/me", other.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/api/members/me", login(member.email()).accessToken()).status()).isEqualTo(200);
        assertThat(revocationOf(member.id(), "LOGGED_OUT_EVERYWHERE").get("memberId").asString())
                .isEqualTo(member.id());
    }

    @Test
    void leavingRevokesTheTokensInTheSameUpdateAsTheDeactivation() {
        ActiveMember leaver = newMember();
        assertThat(http.delete("/api/members/me", leaver.accessToken()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/api/members/me", leaver.accessToken()).status() == 401);
        JsonNode revoked = revocationOf(leaver.id(), "DEACTIVATED");
        JsonNode deactivated = Http.JSON.readTree(memberEvents().awaitRecords(r -> leaver.id().equals(r.key())
                && "kyoso.members.MemberDeactivated.v1".equals(r.type()), Duration.ofSeconds(20)).get(0).value());
        assertThat(revoked.get("notBefore").asString()).isEqualTo(deactivated.get("deactivatedAt").asString());
        // repeating the deactivation with the same token stays 204 (idempotence)
        assertThat(http.delete("/api/members/me", leaver.accessToken()).status()).isEqualTo(204);
    }
}
