package jp.kyoso.members;

import static jp.kyoso.members.PositionsAndMovesTest.expect400;
import static jp.kyoso.members.PositionsAndMovesTest.move;
import static jp.kyoso.members.PositionsAndMovesTest.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.handover.Handover;
import jp.kyoso.members.invitation.Invitation;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** Naming a successor: to a member, to someone invited, who may see it, and what is erased with a leaver. */
class HandoverTest extends MembersServiceTest {
    private static final String HANDOVER_NAMED = "kyoso.members.HandoverNamed.v1";
    private static final String INVITATION_MAIL = "kyoso.notifications.SendHandoverInvitationMail.v1";

    /** A member of 久米島町 福祉課こども班 since two years. */
    private ActiveMember leaver() {
        ActiveMember member = newMember();
        assertThat(http.patch("/api/members/me", Map.of("displayName", "儀間 聡子", "organization", "久米島町",
                "organizationCode", "473618", "department", "福祉課こども班"), member.accessToken()).status())
                .isEqualTo(200);
        registeredAt(member.id(), today().minusYears(2).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
        return member;
    }

    private static Map<String, Object> naming(String email, String note, String position) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("successorEmail", email);
        if (note != null) {
            body.put("note", note);
        }
        if (position != null) {
            body.put("position", position);
        }
        return body;
    }

    @Test
    void namingAnActiveMemberBindsAtOnceAndPublishesHandoverNamedWithBothIds() {
        ActiveMember leaver = leaver();
        ActiveMember successor = newMember();
        ActiveMember third = newMember();

        Http.Response created = http.post("/api/members/me/handovers",
                naming(successor.email().toUpperCase(), "保育所の入所調整は毎年1月が山場です", null), leaver.accessToken());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode handover = created.json();
        String id = handover.get("id").asString();
        assertThat(created.headers().getLocation()).hasToString("/api/members/me/handovers/" + id);
        assertThat(handover.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(handover.get("predecessor").get("id").asString()).isEqualTo(leaver.id());
        assertThat(handover.get("predecessor").get("organization").asString()).isEqualTo("久米島町");
        assertThat(handover.get("successor").get("id").asString()).isEqualTo(successor.id());
        assertThat(handover.get("successor").get("displayName").asString()).isEqualTo("テスト " + successor.handle());
        assertThat(handover.get("successor").get("email").asString())
                .isEqualTo(successor.email().substring(0, 2) + "***@city.naha.lg.jp");
        assertThat(handover.get("position").get("organization").asString()).isEqualTo("久米島町");
        assertThat(handover.get("position").get("department").asString()).isEqualTo("福祉課こども班");
        assertThat(handover.get("position").get("from").asString()).isEqualTo(today().minusYears(2).toString());
        assertThat(handover.get("position").get("to").isNull()).isTrue();
        assertThat(handover.get("note").asString()).isEqualTo("保育所の入所調整は毎年1月が山場です");
        assertThat(handover.get("namedAt").asString()).isNotBlank();
        assertThat(handover.has("introductionDraft")).isFalse();

        List<TopicProbe.Received> events = memberEvents().awaitRecords(r -> id.equals(r.key())
                && HANDOVER_NAMED.equals(r.type()), Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        JsonNode event = Http.JSON.readTree(events.get(0).value());
        assertThat(event.get("handoverId").asString()).isEqualTo(id);
        assertThat(event.get("predecessorId").asString()).isEqualTo(leaver.id());
        assertThat(event.get("predecessorName").asString()).isEqualTo("儀間 聡子");
        assertThat(event.get("successorId").asString()).isEqualTo(successor.id());
        assertThat(event.get("successorName").asString()).isEqualTo("テスト " + successor.handle());
        assertThat(event.get("position").get("organizationCode").asString()).isEqualTo("473618");
        assertThat(event.get("position").get("from").asString()).isEqualTo(today().minusYears(2).toString());
        assertThat(event.get("position").get("to").isNull()).isTrue();
        assertThat(event.get("note").asString()).isEqualTo("保育所の入所調整は毎年1月が山場です");
        assertThat(event.get("namedAt").asString()).isNotBlank();
        assertThat(events.get(0).value()).doesNotContain(successor.email()).doesNotContain(leaver.email());

        // The same person twice for the same position: 409; yourself, malformed bodies: 400. Nothing is created.
        Http.Response twice = http.post("/api/members/me/handovers", naming(successor.email(), null, "current"),
                leaver.accessToken());
        assertThat(twice.status()).as(twice.raw()).isEqualTo(409);
        expect400(http.post("/api/members/me/handovers", naming(leaver.email().toUpperCase(), null, null),
                leaver.accessToken()), "successorEmail");
        expect400(http.post("/api/members/me/handovers", naming("not-an-address", null, null), leaver.accessToken()),
                "successorEmail");
        Http.Response noAddress = http.post("/api/members/me/handovers", naming(null, null, null),
                leaver.accessToken());
        expect400(noAddress, "successorEmail");
        // a validation message with an apostrophe, read from the message file as written
        assertThat(noAddress.json().get("errors").get(0).get("message").asString())
                .isEqualTo("後任の方のメールアドレスを入力してください / Enter your successor's email address");
        expect400(http.post("/api/members/me/handovers", naming(third.email(), "あ".repeat(1001), null),
                leaver.accessToken()), "note");
        expect400(http.post("/api/members/me/handovers", naming(third.email(), null, "next"), leaver.accessToken()),
                "position");
        // "previous" needs a move within 90 days; this member has never moved
        Http.Response noRecentMove = http.post("/api/members/me/handovers", naming(third.email(), null, "previous"),
                leaver.accessToken());
        expect400(noRecentMove, "position");
        assertThat(noRecentMove.text("detail")).isEqualTo("直近90日以内の異動がないため、前の所属の引き継ぎは指定できません / "
                + "There is no move within the last 90 days: only the current position can be handed over");
        assertThat(mongo.count(Query.query(Criteria.where("predecessorId").is(leaver.id())), Handover.class))
                .isEqualTo(1);

        // Each side sees it from its side: the leaver under given (with the masked address), the successor under
        // received (with an introduction draft, without the address).
        JsonNode leaverLists = lists(leaver);
        assertThat(ids(leaverLists.get("given"))).containsExactly(id);
        assertThat(leaverLists.get("received")).isEmpty();
        JsonNode successorLists = lists(successor);
        assertThat(successorLists.get("given")).isEmpty();
        assertThat(ids(successorLists.get("received"))).containsExactly(id);
        JsonNode received = successorLists.get("received").get(0);
        assertThat(received.get("successor").has("email")).isFalse();
        assertThat(received.get("predecessor").get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(received.get("introductionDraft").get("channel").asString()).isEqualTo("introductions");
        assertThat(received.get("introductionDraft").get("kind").asString()).isEqualTo("INTRODUCTION");
        assertThat(received.get("introductionDraft").get("title").asString()).contains("久米島町 福祉課こども班");
        assertThat(received.get("introductionDraft").get("body").asString()).contains("儀間 聡子さんの後任");

        // One handover: its two sides only. A third member: 403; an unknown id: 404; no token: 401.
        assertThat(http.get("/api/members/me/handovers/" + id, leaver.accessToken()).json().get("successor")
                .get("email").asString()).contains("***");
        Http.Response asSuccessor = http.get("/api/members/me/handovers/" + id, successor.accessToken());
        assertThat(asSuccessor.status()).isEqualTo(200);
        assertThat(asSuccessor.json().has("introductionDraft")).isTrue();
        Http.Response asThird = http.get("/api/members/me/handovers/" + id, third.accessToken());
        assertThat(asThird.status()).isEqualTo(403);
        assertThat(asThird.contentType()).startsWith("application/problem+json");
        assertThat(asThird.raw()).doesNotContain(successor.id()).doesNotContain("保育所");
        assertThat(http.get("/api/members/me/handovers/no-such-handover", third.accessToken()).status())
                .isEqualTo(404);
        assertThat(http.get("/api/members/me/handovers/" + id, null).status()).isEqualTo(401);
        assertThat(http.get("/api/members/me/handovers", null).status()).isEqualTo(401);
        assertThat(http.post("/api/members/me/handovers", naming(third.email(), null, null), null).status())
                .isEqualTo(401);
    }

    @Test
    void onlyTheLeaverNamesTheirSuccessorNobodyCanDoItForThem() {
        ActiveMember leaver = leaver();
        ActiveMember other = newMember();
        ActiveMember accomplice = newMember();

        // There is no path with another member's id...
        Http.Response byPath = http.post("/api/members/" + leaver.id() + "/handovers",
                naming(accomplice.email(), null, null), other.accessToken());
        assertThat(byPath.status()).isIn(404, 405);
        // ...and the body cannot name the leaver: the handover is always the caller's, for the caller's position.
        Map<String, Object> forged = new HashMap<>(naming(accomplice.email(), null, null));
        forged.put("predecessorId", leaver.id());
        Http.Response own = http.post("/api/members/me/handovers", forged, other.accessToken());
        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        assertThat(own.json().get("predecessor").get("id").asString()).isEqualTo(other.id());
        assertThat(own.json().get("position").get("organization").asString()).isEqualTo("那覇市役所");
        assertThat(mongo.count(Query.query(Criteria.where("predecessorId").is(leaver.id())), Handover.class))
                .isZero();
        assertThat(lists(leaver).get("given")).isEmpty();
        // The successor of a handover cannot see another's either.
        String mine = http.post("/api/members/me/handovers", naming(other.email(), null, null), leaver.accessToken())
                .text("id");
        assertThat(http.get("/api/members/me/handovers/" + mine, accomplice.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void namingSomeoneWhoIsNotAMemberInvitesThemAndTheHandoverBindsWhenTheyVerify() {
        ActiveMember leaver = leaver();
        String outsider = unique("kochira") + "@example.com";

        Http.Response created = http.post("/api/members/me/handovers", naming(outsider, "よろしくお願いします", null),
                leaver.accessToken());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("status")).isEqualTo("WAITING_FOR_SUCCESSOR");
        JsonNode successor = created.json().get("successor");
        assertThat(successor.has("id")).isFalse();
        assertThat(successor.has("displayName")).isFalse();
        assertThat(successor.get("email").asString()).isEqualTo(outsider.substring(0, 2) + "***@example.com");

        // The invitation mail is asked for, with the registration link as the web client builds it.
        List<TopicProbe.Received> mails = commands().awaitRecords(r -> id.equals(r.key())
                && INVITATION_MAIL.equals(r.type()), Duration.ofSeconds(20));
        assertThat(mails).hasSize(1);
        JsonNode mail = Http.JSON.readTree(mails.get(0).value());
        String code = mail.get("invitationCode").asString();
        assertThat(mail.get("handoverId").asString()).isEqualTo(id);
        assertThat(mail.get("email").asString()).isEqualTo(outsider);
        assertThat(mail.get("predecessorId").asString()).isEqualTo(leaver.id());
        assertThat(mail.get("predecessorName").asString()).isEqualTo("儀間 聡子");
        assertThat(mail.get("position").get("organization").asString()).isEqualTo("久米島町");
        assertThat(mail.get("note").asString()).isEqualTo("よろしくお願いします");
        assertThat(mail.get("registrationPath").asString()).isEqualTo("/register?invitation=" + code);
        assertThat(mail.get("expiresAt").asString()).isNotBlank();
        // single use, tied to that address: someone else cannot use the code
        Map<String, Object> someoneElse = registration(unique("other") + "@example.com", unique("oth_"));
        someoneElse.put("invitationCode", code);
        assertThat(http.post("/api/auth/register", someoneElse).status()).isEqualTo(422);
        // no HandoverNamed while nobody is the successor
        assertThat(memberEvents().drain(Duration.ofMillis(500)).stream()
                .filter(r -> id.equals(r.key()) && HANDOVER_NAMED.equals(r.type()))).isEmpty();

        Map<String, Object> registering = registration(outsider, unique("kochira_"));
        registering.put("invitationCode", code);
        Http.Response registered = http.post("/api/auth/register", registering);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        String newId = registered.text("memberId");
        assertThat(lists(leaver).get("given").get(0).get("status").asString()).isEqualTo("WAITING_FOR_SUCCESSOR");
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(newId))).status())
                .isEqualTo(200);

        List<TopicProbe.Received> named = memberEvents().awaitRecords(r -> id.equals(r.key())
                && HANDOVER_NAMED.equals(r.type()), Duration.ofSeconds(20));
        assertThat(named).hasSize(1);
        JsonNode event = Http.JSON.readTree(named.get(0).value());
        assertThat(event.get("successorId").asString()).isEqualTo(newId);
        assertThat(event.get("predecessorId").asString()).isEqualTo(leaver.id());
        assertThat(event.get("note").asString()).isEqualTo("よろしくお願いします");

        JsonNode given = lists(leaver).get("given").get(0);
        assertThat(given.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(given.get("successor").get("id").asString()).isEqualTo(newId);
        ActiveMember newcomer = login(outsider);
        assertThat(ids(lists(newcomer).get("received"))).containsExactly(id);
        // binding again (every look at the handovers tries) writes nothing more
        assertThat(memberEvents().drain(Duration.ofMillis(500)).stream()
                .filter(r -> id.equals(r.key()) && HANDOVER_NAMED.equals(r.type()))).hasSize(1);
    }

    @Test
    void theDefaultIsThePositionJustLeftForNinetyDaysAfterTheMove() {
        ActiveMember recent = leaver();
        ActiveMember successor = newMember();
        LocalDate moved = today().minusDays(10);
        assertThat(http.post("/api/members/me/moves", move("沖縄県", "470007", "子ども生活福祉部", moved),
                recent.accessToken()).status()).isEqualTo(201);
        JsonNode previous = http.post("/api/members/me/handovers", naming(successor.email(), null, null),
                recent.accessToken()).json();
        assertThat(previous.get("position").get("organization").asString()).isEqualTo("久米島町");
        assertThat(previous.get("position").get("to").asString()).isEqualTo(moved.minusDays(1).toString());
        JsonNode current = http.post("/api/members/me/handovers", naming(successor.email(), null, "current"),
                recent.accessToken()).json();
        assertThat(current.get("position").get("organization").asString()).isEqualTo("沖縄県");
        assertThat(current.get("position").get("from").asString()).isEqualTo(moved.toString());

        ActiveMember longAgo = leaver();
        assertThat(http.post("/api/members/me/moves", move("沖縄県", "470007", null, today().minusDays(120)),
                longAgo.accessToken()).status()).isEqualTo(201);
        expect400(http.post("/api/members/me/handovers", naming(successor.email(), null, "previous"),
                longAgo.accessToken()), "position");
        JsonNode byDefault = http.post("/api/members/me/handovers", naming(successor.email(), null, null),
                longAgo.accessToken()).json();
        assertThat(byDefault.get("position").get("organization").asString()).isEqualTo("沖縄県");
    }

    @Test
    void aHandoverNamedBeforeTheMoveShowsThePositionClosedByIt() {
        ActiveMember leaver = leaver();
        ActiveMember successor = newMember();
        String id = http.post("/api/members/me/handovers", naming(successor.email(), null, null),
                leaver.accessToken()).text("id");
        LocalDate moved = today().minusDays(1);
        assertThat(http.post("/api/members/me/moves", move("沖縄県", "470007", null, moved), leaver.accessToken())
                .status()).isEqualTo(201);
        JsonNode position = http.get("/api/members/me/handovers/" + id, successor.accessToken()).json()
                .get("position");
        assertThat(position.get("organization").asString()).isEqualTo("久米島町");
        assertThat(position.get("to").asString()).isEqualTo(moved.minusDays(1).toString());
        // naming the same person again for that (now previous) position is still the same handover
        assertThat(http.post("/api/members/me/handovers", naming(successor.email(), null, "previous"),
                leaver.accessToken()).status()).isEqualTo(409);
    }

    @Test
    void handoversLeaveWithEitherSide() {
        ActiveMember leaver = leaver();
        ActiveMember successor = newMember();
        ActiveMember otherSuccessor = newMember();
        String outsider = unique("waiting") + "@example.com";
        String toMember = http.post("/api/members/me/handovers", naming(successor.email(), "メモ", null),
                leaver.accessToken()).text("id");
        String waiting = http.post("/api/members/me/handovers", naming(outsider, null, null), leaver.accessToken())
                .text("id");
        String received = http.post("/api/members/me/handovers", naming(leaver.email(), null, null),
                otherSuccessor.accessToken()).text("id");
        assertThat(ids(lists(successor).get("received"))).containsExactly(toMember);
        String invitationCode = Http.JSON.readTree(commands().awaitRecords(r -> waiting.equals(r.key())
                && INVITATION_MAIL.equals(r.type()), Duration.ofSeconds(20)).get(0).value())
                .get("invitationCode").asString();

        assertThat(http.delete("/api/members/me", leaver.accessToken()).status()).isEqualTo(204);

        for (String id : List.of(toMember, waiting, received)) {
            assertThat(mongo.findById(id, Handover.class)).as(id).isNull();
        }
        assertThat(lists(successor).get("received")).isEmpty();
        assertThat(lists(otherSuccessor).get("given")).isEmpty();
        // the invitation issued for the waiting successor is withdrawn and forgets the address
        Document invitation = mongo.findById(jp.kyoso.members.invitation.Invitations.idOf(invitationCode),
                Document.class, Invitation.COLLECTION);
        assertThat(invitation.get("revokedAt")).isNotNull();
        assertThat(invitation.containsKey("email")).isFalse();
        Map<String, Object> late = registration(outsider, unique("late_"));
        late.put("invitationCode", invitationCode);
        assertThat(http.post("/api/auth/register", late).status()).isEqualTo(422);

        // a successor who leaves takes the handover with them too
        ActiveMember another = leaver();
        String handedOver = http.post("/api/members/me/handovers", naming(otherSuccessor.email(), null, null),
                another.accessToken()).text("id");
        assertThat(http.delete("/api/members/me", otherSuccessor.accessToken()).status()).isEqualTo(204);
        assertThat(mongo.findById(handedOver, Handover.class)).isNull();
        assertThat(lists(another).get("given")).isEmpty();
    }

    private JsonNode lists(ActiveMember member) {
        Http.Response response = http.get("/api/members/me/handovers", member.accessToken());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(item -> item.get("id").asString()).toList();
    }
}
