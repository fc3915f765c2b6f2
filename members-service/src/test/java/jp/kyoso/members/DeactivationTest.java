package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.member.Member;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DeactivationTest extends MembersServiceTest {

    @Test
    void deactivationErasesThePersonalDataRevokesTheTokensAndPublishesOneEvent() {
        ActiveMember member = newMember();
        assertThat(http.patch("/api/members/me", Map.of("organizationCode", "473626", "department", "総務課",
                "bio", "自己紹介", "interests", List.of("防災")), member.accessToken()).status()).isEqualTo(200);
        String viewer = newMember().accessToken();

        Http.Response deleted = http.delete("/api/members/me", member.accessToken());
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);

        Document stored = mongo.findById(member.id(), Document.class, Member.COLLECTION);
        assertThat(stored.getString("status")).isEqualTo("DEACTIVATED");
        for (String erased : List.of("email", "displayName", "organization", "organizationCode", "prefecture",
                "department", "bio", "passwordHash")) {
            assertThat(stored.containsKey(erased)).as(erased).isFalse();
        }
        assertThat(stored.getList("interests", String.class)).isEmpty();
        assertThat(stored.getString("handle")).isEqualTo(member.handle());
        assertThat(stored.toJson()).doesNotContain(member.email()).doesNotContain("総務課").doesNotContain("自己紹介");

        // Shown as a former member; the handle stays reserved.
        Http.Response profile = http.get("/api/members/" + member.id(), viewer);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text("displayName")).isEqualTo("退会したメンバー");
        assertThat(profile.text("status")).isEqualTo("DEACTIVATED");
        assertThat(profile.json().get("handle").isNull()).isTrue();
        assertThat(ids(http.get("/api/members?q=" + member.handle(), viewer))).isEmpty();
        assertThat(http.post("/api/auth/register", registration(unique("new") + "@city.naha.lg.jp", member.handle()))
                .status()).isEqualTo(409);

        // Every token stops working; logging in is impossible (the address is gone).
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(401);
        assertThat(http.get("/api/members", member.accessToken()).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/login", Map.of("email", member.email(), "password", PASSWORD)).status())
                .isEqualTo(401);

        List<TopicProbe.Received> events = memberEvents().awaitRecords(r -> member.id().equals(r.key())
                && "kyoso.members.MemberDeactivated.v1".equals(r.type()), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxOf(member.id()).isEmpty());

        // A repeated request (a client retrying) is answered the same and writes no second event: the document is
        // not touched, so nothing can be waiting in its outbox for the relay.
        Document erased = mongo.findById(member.id(), Document.class, Member.COLLECTION);
        assertThat(http.delete("/api/members/me", member.accessToken()).status()).isEqualTo(204);
        Document afterRetry = mongo.findById(member.id(), Document.class, Member.COLLECTION);
        assertThat(afterRetry).isEqualTo(erased);
        assertThat(afterRetry.getList("outbox", Document.class)).isEmpty();
        JsonNode data = Http.JSON.readTree(events.get(0).value());
        assertThat(data.get("memberId").asString()).isEqualTo(member.id());
        assertThat(data.get("deactivatedAt").asString()).isNotBlank();
        assertThat(events.get(0).value()).doesNotContain(member.email());

        // The address is free again: its owner may come back as a new member.
        ActiveMember back = registerAndActivate(member.email(), unique("back_"));
        assertThat(back.id()).isNotEqualTo(member.id());
    }

    @Test
    void manyFormerMembersCanExistSideBySide() {
        for (int i = 0; i < 2; i++) {
            assertThat(http.delete("/api/members/me", newMember().accessToken()).status()).isEqualTo(204);
        }
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("status").is("DEACTIVATED")),
                Member.COLLECTION)).isGreaterThanOrEqualTo(2);
    }

    private List<Document> outboxOf(String memberId) {
        return mongo.findById(memberId, Document.class, Member.COLLECTION).getList("outbox", Document.class);
    }

    private static List<String> ids(Http.Response page) {
        assertThat(page.status()).isEqualTo(200);
        return page.json().get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }
}
