package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.member.Member;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 人事異動: recording a move, the profile's history (前所属), its events, and the past holders of an organization. */
class PositionsAndMovesTest extends MembersServiceTest {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    static LocalDate today() {
        return LocalDate.now(JST);
    }

    /** The latest April 1 (the usual day of 人事異動) before today in Japan. */
    static LocalDate lastAprilFirst() {
        LocalDate april = LocalDate.of(today().getYear(), 4, 1);
        return april.isBefore(today()) ? april : april.minusYears(1);
    }

    static Map<String, Object> move(String organization, String code, String department, LocalDate effective) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organization", organization);
        if (code != null) {
            body.put("organizationCode", code);
        }
        if (department != null) {
            body.put("department", department);
        }
        body.put("effectiveDate", effective == null ? null : effective.toString());
        return body;
    }

    /** A member working at 久米島町 in the given department, registered on {@code registeredOn} (JST). */
    ActiveMember kumejimaStaff(String displayName, String department, LocalDate registeredOn) {
        ActiveMember member = newMember();
        Http.Response patched = http.patch("/api/members/me", Map.of("displayName", displayName,
                "organization", "久米島町", "organizationCode", "473618", "department", department),
                member.accessToken());
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        registeredAt(member.id(), registeredOn.atStartOfDay(JST).toInstant());
        return member;
    }

    @Test
    void aMoveClosesTheCurrentPositionKeepsItAsHistoryAndPublishesItsEventsOnce() {
        LocalDate aprilFirst = lastAprilFirst();
        LocalDate registered = aprilFirst.minusYears(3);
        ActiveMember gima = kumejimaStaff("儀間 聡子", "福祉課こども班", registered);
        String viewer = newMember().accessToken();

        // Before any move: one position, from the registration day (read-time default, nothing migrated).
        JsonNode before = http.get("/api/members/me", gima.accessToken()).json();
        assertThat(before.get("positionFrom").asString()).isEqualTo(registered.toString());
        assertThat(before.get("history")).isEmpty();
        assertThat(before.get("department").asString()).isEqualTo("福祉課こども班");

        Http.Response moved = http.post("/api/members/me/moves",
                move("沖縄県", "470007", "子ども生活福祉部", aprilFirst), gima.accessToken());
        assertThat(moved.status()).as(moved.raw()).isEqualTo(201);
        JsonNode profile = moved.json();
        assertThat(profile.get("organization").asString()).isEqualTo("沖縄県");
        assertThat(profile.get("organizationCode").asString()).isEqualTo("470007");
        assertThat(profile.get("prefecture").asString()).isEqualTo("沖縄県");
        assertThat(profile.get("department").asString()).isEqualTo("子ども生活福祉部");
        assertThat(profile.get("positionFrom").asString()).isEqualTo(aprilFirst.toString());
        assertThat(profile.get("email").asString()).isEqualTo(gima.email());
        assertPast(profile.get("history"), "久米島町", "473618", "福祉課こども班", registered, aprilFirst.minusDays(1));

        // Everyone sees the history (前所属); never the email.
        Http.Response visible = http.get("/api/members/" + gima.id(), viewer);
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.json().has("email")).isFalse();
        assertThat(visible.text("organization")).isEqualTo("沖縄県");
        assertPast(visible.json().get("history"), "久米島町", "473618", "福祉課こども班", registered,
                aprilFirst.minusDays(1));
        JsonNode listed = http.get("/api/members?q=" + gima.handle(), viewer).json().get("items").get(0);
        assertPast(listed.get("history"), "久米島町", "473618", "福祉課こども班", registered, aprilFirst.minusDays(1));

        // MemberMoved with both positions, and MemberProfileUpdated (what posts and notifications already read for
        // the current organization), in the one update: each exactly once.
        List<TopicProbe.Received> movedEvents = memberEvents().awaitRecords(r -> gima.id().equals(r.key())
                && "kyoso.members.MemberMoved.v1".equals(r.type()), Duration.ofSeconds(20));
        List<TopicProbe.Received> updates = memberEvents().awaitRecords(r -> gima.id().equals(r.key())
                && "kyoso.members.MemberProfileUpdated.v1".equals(r.type())
                && "沖縄県".equals(Http.JSON.readTree(r.value()).get("organization").asString()),
                Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxOf(gima.id()).isEmpty());
        assertThat(movedEvents).hasSize(1);
        assertThat(updates).hasSize(1);
        JsonNode event = Http.JSON.readTree(movedEvents.get(0).value());
        assertThat(event.get("memberId").asString()).isEqualTo(gima.id());
        assertThat(event.get("effectiveDate").asString()).isEqualTo(aprilFirst.toString());
        assertThat(event.get("previous").get("organization").asString()).isEqualTo("久米島町");
        assertThat(event.get("previous").get("organizationCode").asString()).isEqualTo("473618");
        assertThat(event.get("previous").get("department").asString()).isEqualTo("福祉課こども班");
        assertThat(event.get("previous").get("from").asString()).isEqualTo(registered.toString());
        assertThat(event.get("previous").get("to").asString()).isEqualTo(aprilFirst.minusDays(1).toString());
        assertThat(event.get("current").get("organization").asString()).isEqualTo("沖縄県");
        assertThat(event.get("current").get("organizationCode").asString()).isEqualTo("470007");
        assertThat(event.get("current").get("department").asString()).isEqualTo("子ども生活福祉部");
        assertThat(event.get("current").get("from").asString()).isEqualTo(aprilFirst.toString());
        JsonNode update = Http.JSON.readTree(updates.get(0).value());
        assertThat(update.get("organization").asString()).isEqualTo("沖縄県");
        assertThat(update.get("department").asString()).isEqualTo("子ども生活福祉部");

        // The same request again (a retry) is refused: the move is already recorded, nothing changes, no new event.
        Http.Response again = http.post("/api/members/me/moves",
                move("沖縄県", "470007", "子ども生活福祉部", aprilFirst), gima.accessToken());
        assertThat(again.status()).isEqualTo(400);
        assertThat(fields(again)).containsExactly("effectiveDate");
        assertThat(http.get("/api/members/me", gima.accessToken()).json().get("history")).hasSize(1);
        assertThat(outboxOf(gima.id())).isEmpty();

        // A later move within the prefecture, without a code or department: those become unknown; newest first.
        LocalDate later = today();
        JsonNode second = http.post("/api/members/me/moves", move("那覇市", null, null, later), gima.accessToken())
                .json();
        assertThat(second.get("organizationCode").isNull()).isTrue();
        assertThat(second.get("prefecture").isNull()).isTrue();
        assertThat(second.get("department").isNull()).isTrue();
        assertThat(second.get("history")).hasSize(2);
        assertThat(second.get("history").get(0).get("organization").asString()).isEqualTo("沖縄県");
        assertThat(second.get("history").get(0).get("to").asString()).isEqualTo(later.minusDays(1).toString());
        assertThat(second.get("history").get(1).get("organization").asString()).isEqualTo("久米島町");
    }

    @Test
    void aMoveIsRecordedOnlyOnceItHasTakenEffectAndMalformedMovesChangeNothing() {
        ActiveMember member = kumejimaStaff("比嘉 花子", "総務課", today().minusYears(1));
        String token = member.accessToken();
        JsonNode before = http.get("/api/members/me", token).json();

        expect400(http.post("/api/members/me/moves", move("沖縄県", null, null, today().plusDays(1)), token),
                "effectiveDate");
        expect400(http.post("/api/members/me/moves", move("沖縄県", null, null, today().minusYears(1)), token),
                "effectiveDate");
        expect400(http.post("/api/members/me/moves", move("沖縄県", null, null, today().minusYears(2)), token),
                "effectiveDate");
        Map<String, Object> slashes = move("沖縄県", null, null, null);
        slashes.put("effectiveDate", "2026/04/01");
        expect400(http.post("/api/members/me/moves", slashes, token), "effectiveDate");
        Map<String, Object> impossible = move("沖縄県", null, null, null);
        impossible.put("effectiveDate", "2025-02-30");
        expect400(http.post("/api/members/me/moves", impossible, token), "effectiveDate");
        expect400(http.post("/api/members/me/moves", move("沖縄県", null, null, null), token), "effectiveDate");
        expect400(http.post("/api/members/me/moves", move(null, null, null, today()), token), "organization");
        expect400(http.post("/api/members/me/moves", move("　", null, null, today()), token), "organization");
        expect400(http.post("/api/members/me/moves", move("沖縄県", "47000", null, today()), token),
                "organizationCode");
        expect400(http.post("/api/members/me/moves", move("沖縄県", null, "課".repeat(101), today()), token),
                "department");
        Http.Response badCheckDigit = http.post("/api/members/me/moves", move("沖縄県", "470008", null, today()),
                token);
        assertThat(badCheckDigit.status()).isEqualTo(422);
        assertThat(fields(badCheckDigit)).containsExactly("organizationCode");
        assertThat(http.post("/api/members/me/moves", move("沖縄県", null, null, today()), null).status())
                .isEqualTo(401);

        JsonNode after = http.get("/api/members/me", token).json();
        assertThat(after.get("organization")).isEqualTo(before.get("organization"));
        assertThat(after.get("positionFrom")).isEqualTo(before.get("positionFrom"));
        assertThat(after.get("history")).isEmpty();
        assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));

        // A member who registered today cannot have moved since: the earliest move is tomorrow's, recorded tomorrow.
        ActiveMember newcomer = newMember();
        expect400(http.post("/api/members/me/moves", move("沖縄県", null, null, today()), newcomer.accessToken()),
                "effectiveDate");
    }

    @Test
    void pastHoldersAreTheMembersWhoseTimeThereHasEndedNewestEndFirst() {
        LocalDate aprilFirst = lastAprilFirst();
        ActiveMember gima = kumejimaStaff("儀間 聡子", "福祉課こども班", aprilFirst.minusYears(3));
        ActiveMember earlier = kumejimaStaff("比嘉 太郎", "福祉課 子ども支援係", aprilFirst.minusYears(4));
        ActiveMember stillThere = kumejimaStaff("宮里 次郎", "福祉課こども班", aprilFirst.minusYears(2));
        String viewer = newMember().accessToken();
        assertThat(http.post("/api/members/me/moves", move("沖縄県", "470007", "子ども生活福祉部", aprilFirst),
                gima.accessToken()).status()).isEqualTo(201);
        assertThat(http.post("/api/members/me/moves", move("那覇市", "472018", "こども政策課",
                aprilFirst.minusYears(1)), earlier.accessToken()).status()).isEqualTo(201);

        JsonNode page = pastHolders("organizationCode=473618", viewer);
        List<String> mine = ours(page, gima, earlier, stillThere);
        assertThat(mine).containsExactly(gima.id(), earlier.id());
        JsonNode entry = item(page, gima.id());
        assertThat(entry.get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(entry.get("handle").asString()).isEqualTo(gima.handle());
        assertThat(entry.get("organization").asString()).isEqualTo("久米島町");
        assertThat(entry.get("department").asString()).isEqualTo("福祉課こども班");
        assertThat(entry.get("from").asString()).isEqualTo(aprilFirst.minusYears(3).toString());
        assertThat(entry.get("to").asString()).isEqualTo(aprilFirst.minusDays(1).toString());
        assertThat(entry.get("current").get("organization").asString()).isEqualTo("沖縄県");
        assertThat(entry.get("current").get("department").asString()).isEqualTo("子ども生活福祉部");
        assertThat(entry.has("email")).isFalse();

        // by exact name when there is no code; a department substring narrows it (case-insensitive, literal)
        assertThat(ours(pastHolders("organization=久米島町", viewer), gima, earlier, stillThere))
                .containsExactly(gima.id(), earlier.id());
        assertThat(ours(pastHolders("organization=久米島", viewer), gima, earlier, stillThere)).isEmpty();
        assertThat(ours(pastHolders("organizationCode=473618&department=こども班", viewer), gima, earlier,
                stillThere)).containsExactly(gima.id());
        assertThat(ours(pastHolders("organizationCode=473618&department=.*", viewer), gima, earlier, stillThere))
                .isEmpty();

        // paging like every list
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode one = pastHolders("organizationCode=473618&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    viewer);
            assertThat(one.get("items").size()).isLessThanOrEqualTo(1);
            one.get("items").forEach(item -> paged.add(item.get("memberId").asString()));
            cursor = one.get("nextCursor").isNull() ? null : one.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(paged.stream().filter(id -> id.equals(gima.id()) || id.equals(earlier.id())).toList())
                .containsExactly(gima.id(), earlier.id());

        // signed-in members only; malformed queries are 400
        assertThat(http.get("/api/members/past-holders?organizationCode=473618", null).status()).isEqualTo(401);
        expect400(http.get("/api/members/past-holders", viewer), "organizationCode");
        expect400(http.get("/api/members/past-holders?organizationCode=473619", viewer), "organizationCode");
        expect400(http.get("/api/members/past-holders?organizationCode=47361", viewer), "organizationCode");
        expect400(http.get("/api/members/past-holders?organizationCode=473618&limit=0", viewer), "limit");
        expect400(http.get("/api/members/past-holders?organizationCode=473618&cursor=nonsense", viewer), "cursor");
        expect400(http.get("/api/members/past-holders?organization=" + "町".repeat(101), viewer), "organization");

        // A member who leaves Kyoso leaves no past-holder entry behind.
        assertThat(http.delete("/api/members/me", earlier.accessToken()).status()).isEqualTo(204);
        assertThat(ours(pastHolders("organizationCode=473618", viewer), gima, earlier, stillThere))
                .containsExactly(gima.id());
        Document erased = mongo.findById(earlier.id(), Document.class, Member.COLLECTION);
        assertThat(erased.containsKey("pastPositions")).isFalse();
        assertThat(erased.containsKey("positionSince")).isFalse();
        assertThat(erased.toJson()).doesNotContain("子ども支援係").doesNotContain("こども政策課");
    }

    private JsonNode pastHolders(String query, String token) {
        Http.Response response = http.get("/api/members/past-holders?" + query + (query.contains("limit=") ? ""
                : "&limit=100"), token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ours(JsonNode page, ActiveMember... members) {
        List<String> ids = java.util.Arrays.stream(members).map(ActiveMember::id).toList();
        return page.get("items").valueStream().map(item -> item.get("memberId").asString()).filter(ids::contains)
                .toList();
    }

    private static JsonNode item(JsonNode page, String memberId) {
        return page.get("items").valueStream().filter(item -> memberId.equals(item.get("memberId").asString()))
                .findFirst().orElseThrow();
    }

    static void assertPast(JsonNode history, String organization, String code, String department, LocalDate from,
                           LocalDate to) {
        assertThat(history).hasSize(1);
        JsonNode past = history.get(0);
        assertThat(past.get("organization").asString()).isEqualTo(organization);
        assertThat(past.get("organizationCode").asString()).isEqualTo(code);
        assertThat(past.get("department").asString()).isEqualTo(department);
        assertThat(past.get("from").asString()).isEqualTo(from.toString());
        assertThat(past.get("to").asString()).isEqualTo(to.toString());
    }

    static void expect400(Http.Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.raw()).contains(field);
    }

    static List<String> fields(Http.Response response) {
        JsonNode errors = response.json().get("errors");
        return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }

    private List<Document> outboxOf(String memberId) {
        return mongo.findById(memberId, Document.class, Member.COLLECTION).getList("outbox", Document.class);
    }
}
