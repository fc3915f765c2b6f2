package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.invitation.Invitation;
import jp.kyoso.members.invitation.Invitations;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

class InvitationTest extends MembersServiceTest {

    @Test
    void onlyModeratorsInviteAndAnInvitationLetsOneOutsiderIn() {
        ActiveMember member = newMember();
        Http.Response notAllowed = http.post("/api/members/invitations", Map.of("note", "x"), member.accessToken());
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(notAllowed.contentType()).startsWith("application/problem+json");
        assertThat(http.post("/api/members/invitations", Map.of()).status()).isEqualTo(401);

        Http.Response created = http.post("/api/members/invitations", Map.of("note", "県の外部アドバイザー"),
                admin().accessToken());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String code = created.text("invitationCode");
        assertThat(code).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){4}");
        assertThat(Instant.parse(created.text("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofDays(13)), Instant.now().plus(Duration.ofDays(15)));
        // only a digest of the code is stored
        assertThat(mongo.findAll(org.bson.Document.class, Invitation.COLLECTION).toString()).doesNotContain(code);

        String outsider = unique("advisor") + "@example.com";
        Http.Response withoutCode = http.post("/api/auth/register", registration(outsider, unique("adv_")));
        assertThat(withoutCode.status()).isEqualTo(422);

        Map<String, Object> invited = registration(outsider, unique("adv_"));
        // codes are forgiving about case and separators, since people type them in
        invited.put("invitationCode", code.toLowerCase().replace("-", " "));
        Http.Response registered = http.post("/api/auth/register", invited);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(registered.text("memberId"))))
                .status())
                .isEqualTo(200);
        assertThat(login(outsider).accessToken()).isNotBlank();

        Map<String, Object> second = registration(unique("another") + "@example.com", unique("adv_"));
        second.put("invitationCode", code);
        Http.Response reused = http.post("/api/auth/register", second);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("detail")).contains("招待コード").contains("already been used");
    }

    @Test
    void anInvitationForOneAddressWorksOnlyForThatAddress() {
        String invitee = unique("consultant") + "@example.net";
        Http.Response created = http.post("/api/members/invitations", Map.of("email", invitee.toUpperCase()),
                admin().accessToken());
        String code = created.text("invitationCode");

        Map<String, Object> someoneElse = registration(unique("other") + "@example.net", unique("oth_"));
        someoneElse.put("invitationCode", code);
        assertThat(http.post("/api/auth/register", someoneElse).status()).isEqualTo(422);

        Map<String, Object> theInvitee = registration(invitee, unique("con_"));
        theInvitee.put("invitationCode", code);
        assertThat(http.post("/api/auth/register", theInvitee).status()).isEqualTo(202);
    }

    @Test
    void anExpiredInvitationIsRefused() {
        String note = unique("expiring");
        String code = http.post("/api/members/invitations", Map.of("note", note), admin().accessToken())
                .text("invitationCode");
        mongo.updateFirst(Query.query(Criteria.where("_id").is(Invitations.idOf(code))),
                new Update().set("expiresAt", Instant.now().minusSeconds(1)), Invitation.class);
        Map<String, Object> late = registration(unique("late") + "@example.com", unique("late_"));
        late.put("invitationCode", code);
        assertThat(http.post("/api/auth/register", late).status()).isEqualTo(422);
    }

    @Test
    void aModeratorCanInviteOnceTheRoleIsInTheirToken() {
        ActiveMember manager = newMember();
        assertThat(http.put("/api/members/" + manager.id() + "/roles", Map.of("roles", List.of("MODERATOR")),
                admin().accessToken()).status()).isEqualTo(200);
        // the token issued before the change still says MEMBER, and the change revoked it (MemberTokensRevoked)
        assertThat(http.post("/api/members/invitations", Map.of(), manager.accessToken()).status()).isEqualTo(401);
        String next = http.post("/api/auth/refresh", Map.of("refreshToken", manager.refreshToken()))
                .text("accessToken");
        assertThat(claimsOf(next).get("roles").toString()).isEqualTo("[\"MEMBER\",\"MODERATOR\"]");
        assertThat(http.post("/api/members/invitations", Map.of(), next).status()).isEqualTo(201);
    }
}
