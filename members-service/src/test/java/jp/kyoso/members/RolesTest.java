package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.member.Member;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class RolesTest extends MembersServiceTest {

    @Test
    void onlyAdminsChangeRolesAndTheChangeIsPublishedAndAppliesFromTheNextToken() {
        ActiveMember member = newMember();
        ActiveMember other = newMember();
        assertThat(http.put("/api/members/" + other.id() + "/roles", Map.of("roles", List.of("ADMIN")),
                member.accessToken()).status()).isEqualTo(403);
        ActiveMember admin = admin();

        Http.Response changed = http.put("/api/members/" + member.id() + "/roles",
                Map.of("roles", List.of("ADMIN", "MODERATOR")), admin.accessToken());
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json().get("roles").toString()).isEqualTo("[\"MEMBER\",\"MODERATOR\",\"ADMIN\"]");

        JsonNode event = Http.JSON.readTree(memberEvents().awaitRecords(r -> member.id().equals(r.key())
                && "kyoso.members.MemberRolesChanged.v1".equals(r.type()), Duration.ofSeconds(20)).get(0).value());
        assertThat(event.get("changedBy").asString()).isEqualTo(admin.id());
        assertThat(event.get("roles").toString()).isEqualTo("[\"MEMBER\",\"MODERATOR\",\"ADMIN\"]");

        // the old token has the old roles and is revoked (MemberTokensRevoked, see TokenRevocationTest); the next
        // one has the new roles
        assertThat(claimsOf(member.accessToken()).get("roles").toString()).isEqualTo("[\"MEMBER\"]");
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(401);
        String next = login(member.email()).accessToken();
        assertThat(claimsOf(next).get("roles").toString()).contains("ADMIN");
        assertThat(http.get("/api/members/me", next).json().get("roles").toString()).contains("MODERATOR");

        // the same roles again change nothing
        assertThat(http.put("/api/members/" + member.id() + "/roles", Map.of("roles", List.of("MODERATOR", "ADMIN")),
                admin.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void unknownRolesAndMembersAreRefused() {
        String admin = admin().accessToken();
        ActiveMember member = newMember();
        Http.Response unknownRole = http.put("/api/members/" + member.id() + "/roles",
                Map.of("roles", List.of("SUPERUSER")), admin);
        assertThat(unknownRole.status()).isEqualTo(422);
        assertThat(unknownRole.text("detail")).contains("MODERATOR");
        assertThat(http.put("/api/members/" + member.id() + "/roles", Map.of(), admin).status()).isEqualTo(400);
        assertThat(http.put("/api/members/no-such-member/roles", Map.of("roles", List.of("MEMBER")), admin).status())
                .isEqualTo(404);
        // A pending member has no roles to change yet: verifying would overwrite them with the admin list's verdict.
        String pendingHandle = unique("pend_");
        String pending = register(pendingHandle + "@city.naha.lg.jp", pendingHandle);
        assertThat(http.put("/api/members/" + pending + "/roles", Map.of("roles", List.of("MODERATOR")), admin)
                .status()).isEqualTo(404);
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(pending))).status())
                .isEqualTo(200);
        assertThat(http.put("/api/members/" + pending + "/roles", Map.of("roles", List.of("MODERATOR")), admin)
                .status()).isEqualTo(200);
        assertThat(http.get("/api/members/me", member.accessToken()).json().get("roles").toString())
                .isEqualTo("[\"MEMBER\"]");
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        ActiveMember admin = admin();
        // other tests may have made more admins; demote all but the bootstrap admin first
        List<Member> admins = mongo.find(Query.query(Criteria.where("roles").is("ADMIN").and("status").is("ACTIVE")),
                Member.class);
        for (Member other : admins) {
            if (!other.id().equals(admin.id())) {
                assertThat(http.put("/api/members/" + other.id() + "/roles", Map.of("roles", List.of("MEMBER")),
                        admin.accessToken()).status()).isEqualTo(200);
            }
        }
        Http.Response refused = http.put("/api/members/" + admin.id() + "/roles", Map.of("roles", List.of("MEMBER")),
                admin.accessToken());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(claimsOf(login(admin.email()).accessToken()).get("roles").toString()).contains("ADMIN");
    }

    @Test
    void moderatorsAppointModeratorsButOnlyAdminsGrantOrRemoveAdmin() {
        ActiveMember moderator = newModerator();
        ActiveMember member = newMember();
        ActiveMember plain = newMember();
        assertThat(http.put("/api/members/" + member.id() + "/roles", Map.of("roles", List.of("MODERATOR")),
                plain.accessToken()).status()).isEqualTo(403);

        Http.Response appointed = http.put("/api/members/" + member.id() + "/roles",
                Map.of("roles", List.of("MODERATOR")), moderator.accessToken());
        assertThat(appointed.status()).as(appointed.raw()).isEqualTo(200);
        Http.Response grantAdmin = http.put("/api/members/" + member.id() + "/roles",
                Map.of("roles", List.of("MODERATOR", "ADMIN")), moderator.accessToken());
        assertThat(grantAdmin.status()).isEqualTo(403);
        assertThat(grantAdmin.contentType()).startsWith("application/problem+json");
        Http.Response removeAdmin = http.put("/api/members/" + admin().id() + "/roles",
                Map.of("roles", List.of("MEMBER")), moderator.accessToken());
        assertThat(removeAdmin.status()).isEqualTo(403);
        assertThat(claimsOf(login(admin().email()).accessToken()).get("roles").toString()).contains("ADMIN");
        assertThat(claimsOf(login(member.email()).accessToken()).get("roles").toString())
                .isEqualTo("[\"MEMBER\",\"MODERATOR\"]");
    }
}
