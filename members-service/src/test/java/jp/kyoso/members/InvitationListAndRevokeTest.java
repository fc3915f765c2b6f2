package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jp.kyoso.members.invitation.Invitation;
import jp.kyoso.members.invitation.Invitations;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

class InvitationListAndRevokeTest extends MembersServiceTest {

    @Test
    void theListShowsEachInvitationsStatusAndARevokedCodeAdmitsNobody() {
        String moderator = newModerator().accessToken();
        String used = create(moderator, "used");
        String revoked = create(moderator, "revoked");
        String expired = create(moderator, "expired");
        String open = create(moderator, "open");

        Map<String, Object> withUsed = registration(unique("u") + "@example.com", unique("inv_"));
        withUsed.put("invitationCode", used);
        assertThat(http.post("/api/auth/register", withUsed).status()).isEqualTo(202);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(Invitations.idOf(expired))),
                new Update().set("expiresAt", Instant.now().minusSeconds(60)), Invitation.class);
        String revokedId = itemWithNote(moderator, noteOf(revoked)).get("id").asString();

        Http.Response revoke = http.delete("/api/members/invitations/" + revokedId, moderator);
        assertThat(revoke.status()).as(revoke.raw()).isEqualTo(204);
        assertThat(http.delete("/api/members/invitations/" + revokedId, moderator).status()).isEqualTo(204);
        assertThat(http.delete("/api/members/invitations/no-such-invitation", moderator).status()).isEqualTo(404);

        Map<String, Object> withRevoked = registration(unique("r") + "@example.com", unique("inv_"));
        withRevoked.put("invitationCode", revoked);
        Http.Response refused = http.post("/api/auth/register", withRevoked);
        Map<String, Object> withUnknown = new HashMap<>(withRevoked);
        withUnknown.put("invitationCode", "AAAA-BBBB-CCCC-DDDD-EEEE");
        Http.Response unknown = http.post("/api/auth/register", withUnknown);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").toString()).isEqualTo(unknown.json().get("errors").toString());

        assertThat(itemWithNote(moderator, noteOf(used)).get("status").asString()).isEqualTo("USED");
        assertThat(itemWithNote(moderator, noteOf(used)).get("usedAt").isNull()).isFalse();
        JsonNode revokedItem = itemWithNote(moderator, noteOf(revoked));
        assertThat(revokedItem.get("status").asString()).isEqualTo("REVOKED");
        assertThat(revokedItem.get("revokedAt").isNull()).isFalse();
        assertThat(itemWithNote(moderator, noteOf(expired)).get("status").asString()).isEqualTo("EXPIRED");
        JsonNode openItem = itemWithNote(moderator, noteOf(open));
        assertThat(openItem.get("status").asString()).isEqualTo("OPEN");
        assertThat(openItem.get("usedAt").isNull()).isTrue();
        assertThat(openItem.get("email").isNull()).isTrue();
        assertThat(openItem.get("createdBy").asString()).isNotBlank();

        Http.Response page = http.get("/api/members/invitations?limit=100", moderator);
        assertThat(page.raw()).doesNotContain(used, open, revoked);
        // newest first
        JsonNode items = page.json().get("items");
        for (int i = 1; i < items.size(); i++) {
            assertThat(Instant.parse(items.get(i - 1).get("createdAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(items.get(i).get("createdAt").asString()));
        }
    }

    @Test
    void aPlainMemberCanNeitherListNorRevoke() {
        ActiveMember member = newMember();
        assertThat(http.get("/api/members/invitations", member.accessToken()).status()).isEqualTo(403);
        assertThat(http.delete("/api/members/invitations/anything", member.accessToken()).status()).isEqualTo(403);
        assertThat(http.get("/api/members/invitations?limit=0", newModerator().accessToken()).status())
                .isEqualTo(400);
    }

    private final String run = unique("run");
    private final Map<String, String> notes = new HashMap<>();

    private String noteOf(String code) {
        return notes.get(code);
    }

    /** Each invitation gets a note of its own, so that the test finds it in the list of every test's invitations. */
    private String create(String moderator, String what) {
        Http.Response created = http.post("/api/members/invitations", Map.of("note", run + what), moderator);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        notes.put(created.text("invitationCode"), run + what);
        return created.text("invitationCode");
    }

    private JsonNode itemWithNote(String moderator, String note) {
        String cursor = null;
        do {
            Http.Response page = http.get("/api/members/invitations?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), moderator);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode item : page.json().get("items")) {
                if (note.equals(item.path("note").asString(""))) {
                    return item;
                }
            }
            cursor = page.text("nextCursor");
        } while (cursor != null);
        throw new AssertionError("no invitation with note " + note);
    }
}
