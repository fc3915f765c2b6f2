package jp.kyoso.members;

import static jp.kyoso.members.PositionsAndMovesTest.lastAprilFirst;
import static jp.kyoso.members.PositionsAndMovesTest.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The handover as a story, through the API only. 儀間さん leads the children's section of 久米島町's welfare
 * division (福祉課こども班). Before the rotation she names her successor, who works at the town but is not on Kyoso
 * yet (a town address outside lg.jp: invited). On April 1 she moves to the prefectural office (沖縄県) and records
 * it. Her successor registers from the invitation, verifies, and finds the handover: the job, the note, and an
 * introduction draft; the HandoverNamed event gives posts-service and notifications-service what they need to show
 * her threads in that job and to move her watches (their part). Anyone at the town can later find her as the person
 * who handled children's matters there before, and where she is now.
 */
class KumejimaHandoverStoryTest extends MembersServiceTest {
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    @Test
    void theChildrenSectionLeadMovesToThePrefectureAndHerSuccessorTakesOver() {
        LocalDate aprilFirst = lastAprilFirst();
        LocalDate joined = aprilFirst.minusYears(3);

        // 儀間さん, at the town since three rotations ago
        String gimaHandle = unique("gima_");
        ActiveMember gima = registerAndActivate(gimaHandle + "@town.kumejima.lg.jp", gimaHandle);
        assertThat(http.patch("/api/members/me", Map.of("displayName", "儀間 聡子", "organization", "久米島町",
                "organizationCode", "473618", "department", "福祉課こども班", "interests", List.of("窓口DX", "子育て支援")),
                gima.accessToken()).status()).isEqualTo(200);
        registeredAt(gima.id(), joined.atStartOfDay(JST).toInstant());

        // March: she names her successor, who has no lg.jp address and is not a member.
        String successorEmail = unique("nakazato") + "@town.kumejima.okinawa.jp";
        Http.Response named = http.post("/api/members/me/handovers", Map.of("successorEmail", successorEmail,
                "note", "窓口の予約システムの件は「窓口業務のデジタル化」のスレッドにまとめてあります。"
                        + "児童手当の現況届の質問はまだ回答待ちです。"), gima.accessToken());
        assertThat(named.status()).as(named.raw()).isEqualTo(201);
        String handoverId = named.text("id");
        assertThat(named.text("status")).isEqualTo("WAITING_FOR_SUCCESSOR");
        assertThat(named.json().get("position").get("department").asString()).isEqualTo("福祉課こども班");
        String code = Http.JSON.readTree(commands().awaitRecords(r -> handoverId.equals(r.key())
                && "kyoso.notifications.SendHandoverInvitationMail.v1".equals(r.type()), Duration.ofSeconds(20))
                .get(0).value()).get("invitationCode").asString();

        // April 1: the move takes effect and she records it.
        Http.Response moved = http.post("/api/members/me/moves",
                move("沖縄県", "470007", "子ども生活福祉部 子育て支援課", aprilFirst), gima.accessToken());
        assertThat(moved.status()).as(moved.raw()).isEqualTo(201);
        assertThat(moved.json().get("history").get(0).get("organization").asString()).isEqualTo("久米島町");

        // Her successor registers from the invitation link and verifies.
        String successorHandle = unique("nakazato_");
        Map<String, Object> registration = registration(successorEmail, successorHandle);
        registration.put("displayName", "仲里 美咲");
        registration.put("organization", "久米島町");
        registration.put("organizationCode", "473618");
        registration.put("invitationCode", code);
        Http.Response registered = http.post("/api/auth/register", registration);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        String successorId = registered.text("memberId");
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(successorId))).status())
                .isEqualTo(200);
        ActiveMember successor = login(successorEmail);

        // The handover is hers now: the job as it was (ended the day before the move), the note, a draft.
        JsonNode received = http.get("/api/members/me/handovers", successor.accessToken()).json().get("received");
        assertThat(received).hasSize(1);
        JsonNode handover = received.get(0);
        assertThat(handover.get("id").asString()).isEqualTo(handoverId);
        assertThat(handover.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(handover.get("predecessor").get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(handover.get("predecessor").get("organization").asString()).isEqualTo("沖縄県");
        assertThat(handover.get("position").get("organization").asString()).isEqualTo("久米島町");
        assertThat(handover.get("position").get("from").asString()).isEqualTo(joined.toString());
        assertThat(handover.get("position").get("to").asString()).isEqualTo(aprilFirst.minusDays(1).toString());
        assertThat(handover.get("note").asString()).contains("回答待ち");
        JsonNode draft = handover.get("introductionDraft");
        assertThat(draft.get("title").asString()).isEqualTo("久米島町 福祉課こども班を引き継ぎました");
        assertThat(draft.get("body").asString()).contains("仲里 美咲").contains("儀間 聡子さんの後任")
                .contains("現在沖縄県");

        // What the other services build the handover page and the watch takeover from: both ids, the job's days.
        TopicProbe.Received event = memberEvents().awaitRecords(r -> handoverId.equals(r.key())
                && "kyoso.members.HandoverNamed.v1".equals(r.type()), Duration.ofSeconds(20)).get(0);
        JsonNode data = Http.JSON.readTree(event.value());
        assertThat(data.get("predecessorId").asString()).isEqualTo(gima.id());
        assertThat(data.get("successorId").asString()).isEqualTo(successorId);
        assertThat(data.get("successorName").asString()).isEqualTo("仲里 美咲");
        assertThat(data.get("position").get("from").asString()).isEqualTo(joined.toString());
        assertThat(data.get("position").get("to").asString()).isEqualTo(aprilFirst.minusDays(1).toString());
        assertThat(event.headers().get("ce_subject")).isEqualTo(handoverId);
        TopicProbe.Received movedEvent = memberEvents().awaitRecords(r -> gima.id().equals(r.key())
                && "kyoso.members.MemberMoved.v1".equals(r.type()), Duration.ofSeconds(20)).get(0);
        assertThat(Http.JSON.readTree(movedEvent.value()).get("current").get("organization").asString())
                .isEqualTo("沖縄県");

        // Later, someone at the town asks who handled children's matters before: 儀間さん, now at 沖縄県.
        JsonNode holders = http.get("/api/members/past-holders?organizationCode=473618&department=こども&limit=100",
                successor.accessToken()).json();
        JsonNode gimaThere = holders.get("items").valueStream()
                .filter(item -> gima.id().equals(item.get("memberId").asString())).findFirst().orElseThrow();
        assertThat(gimaThere.get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(gimaThere.get("department").asString()).isEqualTo("福祉課こども班");
        assertThat(gimaThere.get("to").asString()).isEqualTo(aprilFirst.minusDays(1).toString());
        assertThat(gimaThere.get("current").get("organization").asString()).isEqualTo("沖縄県");
        // her successor, still in the job, is not a past holder
        assertThat(holders.get("items").valueStream().map(item -> item.get("memberId").asString()))
                .doesNotContain(successorId);
    }
}
