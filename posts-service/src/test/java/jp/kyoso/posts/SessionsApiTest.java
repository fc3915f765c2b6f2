package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** Study sessions: posts of kind SESSION, RSVPs with a waitlist, attendance, and their events on kyoso.posts.v1. */
class SessionsApiTest extends PostsServiceTest {
    private static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);
    private static final String CHECK_IN_NOT_OPEN = "出席は開始 60 分前の受付開始から記録できます / Attendance can be"
            + " marked from check-in, 60 minutes before the start";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aModeratorSchedulesASessionInTheSessionsChannelAndEachMemberSeesTheirOwnPlace() {
        TestMember manager = moderator("運営 さとこ");
        TestMember member = member("那覇 太郎");
        JsonNode channel = api(member).get("/api/channels?limit=100").items().stream()
                .filter(c -> c.get("slug").asString().equals("sessions")).findFirst().orElseThrow();
        assertThat(channel.get("name").asString()).isEqualTo("勉強会 / Study sessions");
        assertThat(channel.get("postingPolicy").asString()).isEqualTo("MODERATORS");

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            OffsetDateTime startsAt = inDays(10).withHour(14).withMinute(0).withSecond(0).withNano(0);
            Api.Response created = api(manager).post("/api/posts", session("那覇で勉強会", Map.of(
                    "startsAt", startsAt.toString(), "endsAt", startsAt.plusHours(2).toString(),
                    "place", "那覇市役所 会議室", "onlineUrl", "https://meet.example.jp/naha",
                    "prefecture", "沖縄県", "capacity", 30)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asString();
            JsonNode session = created.json().get("session");
            assertThat(session.get("startsAt").asString()).isEqualTo(startsAt.toInstant() .toString()
                    .replace("Z", ".000Z"));
            assertThat(session.get("place").asString()).isEqualTo("那覇市役所 会議室");
            assertThat(session.get("prefecture").asString()).isEqualTo("沖縄県");
            assertThat(session.get("capacity").asInt()).isEqualTo(30);
            assertThat(session.get("goingCount").asInt()).isZero();
            assertThat(session.get("myStatus").isNull()).isTrue();

            Api.Response rsvp = api(member).put("/api/sessions/" + id + "/rsvp");
            assertThat(rsvp.status()).as(rsvp.body()).isEqualTo(200);
            assertThat(rsvp.json().get("status").asString()).isEqualTo("GOING");
            assertThat(rsvp.json().get("waitlistPosition").isNull()).isTrue();

            JsonNode seenByMember = api(member).get("/api/posts/" + id).json().get("session");
            assertThat(seenByMember.get("myStatus").asString()).isEqualTo("GOING");
            assertThat(seenByMember.get("goingCount").asInt()).isEqualTo(1);
            assertThat(api(manager).get("/api/posts/" + id).json().get("session").get("myStatus").isNull()).isTrue();
            JsonNode inFeed = api(member).get("/api/posts?channel=sessions&limit=100").items().stream()
                    .filter(p -> p.get("id").asString().equals(id)).findFirst().orElseThrow();
            assertThat(inFeed.get("session").get("myStatus").asString()).isEqualTo("GOING");
            assertThat(api(member).get("/api/posts?kind=QUESTION&limit=1").items())
                    .allMatch(p -> p.get("session").isNull());

            List<TopicProbe.Received> scheduled = probe.awaitRecords(r -> id.equals(r.key())
                    && PostsEvents.SESSION_SCHEDULED.equals(r.type()), EVENT_WAIT);
            JsonNode data = Api.JSON.readTree(scheduled.get(0).value());
            assertThat(data.get("postId").asString()).isEqualTo(id);
            assertThat(data.get("channelSlug").asString()).isEqualTo("sessions");
            assertThat(data.get("title").asString()).isEqualTo("那覇で勉強会");
            assertThat(Instant.parse(data.get("startsAt").asString())).isEqualTo(startsAt.toInstant());
            assertThat(Instant.parse(data.get("endsAt").asString())).isEqualTo(startsAt.plusHours(2).toInstant());
            assertThat(data.get("onlineUrl").asString()).isEqualTo("https://meet.example.jp/naha");
            assertThat(data.get("capacity").asInt()).isEqualTo(30);
            assertThat(data.get("authorId").asString()).isEqualTo(manager.id());
            assertThat(data.has("at")).isTrue();
            List<TopicProbe.Received> going = probe.awaitRecords(r -> id.equals(r.key())
                    && PostsEvents.SESSION_RSVP_CHANGED.equals(r.type()), EVENT_WAIT);
            JsonNode rsvpData = Api.JSON.readTree(going.get(0).value());
            assertThat(rsvpData.get("memberId").asString()).isEqualTo(member.id());
            assertThat(rsvpData.get("status").asString()).isEqualTo("GOING");
            assertThat(going.get(0).headers()).containsEntry("ce_subject", id);
        }
    }

    @Test
    void upcomingSessionsComeNearestFirstAndPastOnesMostRecentFirst() {
        TestMember manager = moderator("運営");
        String later = createSession(manager, "後の勉強会", inDays(30), 10);
        String sooner = createSession(manager, "先の勉強会", inDays(20), 10);
        String over = createSession(manager, "終わった勉強会", inDays(5), 10);
        String longAgo = createSession(manager, "ずっと前の勉強会", inDays(6), 10);
        moveToPast(over, Duration.ofDays(2));
        moveToPast(longAgo, Duration.ofDays(9));

        List<String> upcoming = ids(api(member("読む人")).get("/api/sessions?scope=upcoming&limit=100"));
        assertThat(upcoming).contains(sooner, later).doesNotContain(over, longAgo);
        assertThat(upcoming.indexOf(sooner)).isLessThan(upcoming.indexOf(later));
        assertThat(ids(api(member("読む人")).get("/api/sessions?limit=100"))).contains(sooner);
        List<String> past = ids(api(member("読む人")).get("/api/sessions?scope=past&limit=100"));
        assertThat(past).contains(over, longAgo).doesNotContain(sooner, later);
        assertThat(past.indexOf(over)).isLessThan(past.indexOf(longAgo));
        assertThat(api(member("読む人")).get("/api/sessions?scope=soon").status()).isEqualTo(400);
    }

    @Test
    void aSessionNeedsAValidScheduleAndOnlyModeratorsCreateOrChangeOne() {
        TestMember manager = moderator("運営");
        Api api = api(manager);
        Map<String, Object> valid = schedule(inDays(3), 20);

        assertProblem(api.post("/api/posts", session("x", with(valid, "startsAt", inDays(-1).toString()))), 400,
                "session.startsAt");
        assertProblem(api.post("/api/posts", session("x", with(valid, "endsAt", inDays(2).toString()))), 400,
                "session.endsAt");
        assertProblem(api.post("/api/posts", session("x", with(valid, "startsAt", "next friday"))), 400,
                "session.startsAt");
        assertProblem(api.post("/api/posts", session("x", with(valid, "capacity", 0))), 400, "session.capacity");
        assertProblem(api.post("/api/posts", session("x", with(valid, "capacity", 10_001))), 400, "session.capacity");
        assertProblem(api.post("/api/posts", session("x", with(valid, "place", " "))), 400, "session.place");
        assertProblem(api.post("/api/posts", session("x", with(with(valid, "place", "会場"), "onlineUrl",
                "ftp://example.jp/x"))), 400, "session.onlineUrl");
        assertProblem(api.post("/api/posts", session("x", with(valid, "prefecture", "沖縄"))), 400,
                "session.prefecture");
        Map<String, Object> noSession = new HashMap<>(session("x", valid));
        noSession.remove("session");
        assertProblem(api.post("/api/posts", noSession), 400, "session");
        Map<String, Object> question = new HashMap<>(session("x", valid));
        question.put("kind", "QUESTION");
        question.put("channel", "general");
        assertProblem(api.post("/api/posts", question), 400, "session");

        Map<String, Object> inGeneral = new HashMap<>(session("x", valid));
        inGeneral.put("channel", "general");
        assertThat(api(member("一般")).post("/api/posts", inGeneral).status()).isEqualTo(403);
        assertThat(api(member("一般")).post("/api/posts", session("x", valid)).status()).isEqualTo(403);

        String id = createSession(manager, "変更される勉強会", inDays(3), 20);
        Api.Response byMember = api(member("一般")).patch("/api/posts/" + id, Map.of("session", Map.of("capacity", 5)));
        assertThat(byMember.status()).isEqualTo(403);
        assertProblem(api.patch("/api/posts/" + id, Map.of("session", Map.of("endsAt", inDays(1).toString()))), 400,
                "session.endsAt");
        String questionId = api(member("質問者")).publish("general", "QUESTION", "質問", "本文");
        assertProblem(api.patch("/api/posts/" + questionId, Map.of("session", Map.of("capacity", 5))), 400,
                "session");
    }

    @Test
    void theLastPlaceCannotBeTakenTwice() throws Exception {
        String id = createSession(moderator("運営"), "残り一席", inDays(4), 1);
        TestMember first = member("一人目");
        TestMember second = member("二人目");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Api.Response> a = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api(first).put("/api/sessions/" + id + "/rsvp");
        });
        CompletableFuture<Api.Response> b = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api(second).put("/api/sessions/" + id + "/rsvp");
        });
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Api.Response response : List.of(a.get(), b.get())) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            statuses.add(response.json().get("status").asString());
        }
        assertThat(statuses).containsExactlyInAnyOrder("GOING", "WAITLISTED");

        JsonNode session = api(first).get("/api/posts/" + id).json().get("session");
        assertThat(session.get("goingCount").asInt()).isEqualTo(1);
        assertThat(session.get("waitlistCount").asInt()).isEqualTo(1);
        TestMember waiting = statuses.get(0).equals("WAITLISTED") ? first : second;
        Api.Response again = api(waiting).put("/api/sessions/" + id + "/rsvp");
        assertThat(again.json().get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(again.json().get("waitlistPosition").asInt()).isEqualTo(1);
        JsonNode mine = api(waiting).get("/api/posts/" + id).json().get("session");
        assertThat(mine.get("myStatus").asString()).isEqualTo("WAITLISTED");
        assertThat(mine.get("myWaitlistPosition").asInt()).isEqualTo(1);
        assertThat(api(waiting).get("/api/posts/" + id).json().get("session").get("waitlistCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void cancellingGivesThePlaceToTheFirstWaitlistedMember() {
        String id = createSession(moderator("運営"), "キャンセル待ちのある勉強会", inDays(4), 1);
        TestMember going = member("参加者");
        TestMember firstInLine = member("待ち一番");
        TestMember secondInLine = member("待ち二番");
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            assertThat(api(going).put("/api/sessions/" + id + "/rsvp").json().get("status").asString())
                    .isEqualTo("GOING");
            assertThat(api(firstInLine).put("/api/sessions/" + id + "/rsvp").json().get("waitlistPosition").asInt())
                    .isEqualTo(1);
            assertThat(api(secondInLine).put("/api/sessions/" + id + "/rsvp").json().get("waitlistPosition").asInt())
                    .isEqualTo(2);

            assertThat(api(going).delete("/api/sessions/" + id + "/rsvp").status()).isEqualTo(204);
            assertThat(api(going).delete("/api/sessions/" + id + "/rsvp").status()).isEqualTo(204);

            JsonNode promoted = api(firstInLine).get("/api/posts/" + id).json().get("session");
            assertThat(promoted.get("myStatus").asString()).isEqualTo("GOING");
            assertThat(promoted.get("goingCount").asInt()).isEqualTo(1);
            assertThat(promoted.get("waitlistCount").asInt()).isEqualTo(1);
            assertThat(api(secondInLine).get("/api/posts/" + id).json().get("session").get("myWaitlistPosition")
                    .asInt()).isEqualTo(1);
            assertThat(api(going).get("/api/posts/" + id).json().get("session").get("myStatus").isNull()).isTrue();

            probe.awaitRecords(r -> id.equals(r.key()) && PostsEvents.SESSION_RSVP_CHANGED.equals(r.type())
                    && r.value().contains(firstInLine.id()) && r.value().contains("\"GOING\""), EVENT_WAIT);
            List<String> changes = probe.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> id.equals(r.key()) && PostsEvents.SESSION_RSVP_CHANGED.equals(r.type()))
                    .map(r -> Api.JSON.readTree(r.value()))
                    .map(d -> name(d.get("memberId").asString(), going, firstInLine, secondInLine) + ":"
                            + d.get("status").asString())
                    .toList();
            // the second DELETE changed nothing and announced nothing
            assertThat(changes).containsExactly("going:GOING", "first:WAITLISTED", "second:WAITLISTED",
                    "going:CANCELLED", "first:GOING");
        }
    }

    @Test
    void aLargerCapacityGivesThePlacesToTheWaitlistAndTheNewScheduleIsAnnouncedAgain() {
        TestMember manager = moderator("運営");
        String id = createSession(manager, "増席する勉強会", inDays(4), 1);
        TestMember going = member("参加者");
        TestMember waiting = member("待つ人");
        api(going).put("/api/sessions/" + id + "/rsvp");
        api(waiting).put("/api/sessions/" + id + "/rsvp");
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response edited = api(manager).patch("/api/posts/" + id, Map.of("session",
                    Map.of("capacity", 2, "place", "浦添市 てだこホール")));
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(edited.json().get("session").get("capacity").asInt()).isEqualTo(2);
            assertThat(edited.json().get("session").get("place").asString()).isEqualTo("浦添市 てだこホール");
            assertThat(api(waiting).get("/api/posts/" + id).json().get("session").get("myStatus").asString())
                    .isEqualTo("GOING");

            probe.awaitRecords(r -> id.equals(r.key()) && PostsEvents.SESSION_SCHEDULED.equals(r.type())
                    && r.value().contains("てだこホール"), EVENT_WAIT);
            probe.awaitRecords(r -> id.equals(r.key()) && PostsEvents.SESSION_RSVP_CHANGED.equals(r.type())
                    && r.value().contains(waiting.id()) && r.value().contains("\"GOING\""), EVENT_WAIT);
        }
    }

    @Test
    void registrationClosesAtTheStart() {
        String id = createSession(moderator("運営"), "もう始まった勉強会", inDays(2), 10);
        moveToPast(id, Duration.ofMinutes(10));
        Api.Response late = api(member("遅刻")).put("/api/sessions/" + id + "/rsvp");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.body()).contains("受付は終了しました");

        String questionId = api(member("質問者")).publish("general", "QUESTION", "勉強会ではない", "本文");
        assertThat(api(member("誰か")).put("/api/sessions/" + questionId + "/rsvp").status()).isEqualTo(404);
        assertThat(api(member("誰か")).put("/api/sessions/no-such-post/rsvp").status()).isEqualTo(404);
    }

    @Test
    void moderatorsSeeTheAttendeesAndMarkWhoCame() {
        TestMember manager = moderator("運営");
        TestMember came = member("来た人");
        TestMember plain = member("一般");
        String id = createSession(manager, "出席を取る勉強会", inDays(2), 1);
        api(came).put("/api/sessions/" + id + "/rsvp");
        api(plain).put("/api/sessions/" + id + "/rsvp");

        assertThat(api(plain).get("/api/sessions/" + id + "/attendees").status()).isEqualTo(403);
        assertThat(api(plain).put("/api/sessions/" + id + "/attendance/" + came.id(), Map.of("attended", true))
                .status()).isEqualTo(403);
        // two days ahead: the reception desk is not open yet
        Api.Response early = api(manager).put("/api/sessions/" + id + "/attendance/" + came.id(),
                Map.of("attended", true));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.body()).contains(CHECK_IN_NOT_OPEN);

        Api.Response list = api(manager).get("/api/sessions/" + id + "/attendees");
        JsonNode startsAt = api(manager).get("/api/posts/" + id).json().get("session").get("startsAt");
        assertThat(Instant.parse(list.json().get("checkInOpensAt").asString()))
                .isEqualTo(Instant.parse(startsAt.asString()).minus(Duration.ofMinutes(60)));
        List<JsonNode> attendees = list.items();
        assertThat(attendees).extracting(a -> a.get("memberId").asString()).containsExactly(came.id(), plain.id());
        assertThat(attendees.get(0).get("displayName").asString()).isEqualTo("来た人");
        assertThat(attendees.get(0).get("status").asString()).isEqualTo("GOING");
        assertThat(attendees.get(1).get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(attendees.get(0).get("attended").isNull()).isTrue();
        assertThat(attendees.get(0).get("rsvpAt").asString()).endsWith("Z");

        moveToPast(id, Duration.ofMinutes(30));
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response marked = api(manager).put("/api/sessions/" + id + "/attendance/" + came.id(),
                    Map.of("attended", true));
            assertThat(marked.status()).as(marked.body()).isEqualTo(200);
            assertThat(marked.json().get("memberId").asString()).isEqualTo(came.id());
            assertThat(marked.json().get("attended").asBoolean()).isTrue();
            assertThat(api(manager).put("/api/sessions/" + id + "/attendance/" + plain.id(),
                    Map.of("attended", false)).json().get("attended").asBoolean()).isFalse();
            assertThat(api(manager).put("/api/sessions/" + id + "/attendance/" + member("来ない").id(),
                    Map.of("attended", true)).status()).isEqualTo(404);
            assertThat(api(manager).put("/api/sessions/" + id + "/attendance/" + came.id(), Map.of()).status())
                    .isEqualTo(400);

            List<TopicProbe.Received> events = probe.awaitRecords(r -> id.equals(r.key())
                    && PostsEvents.SESSION_ATTENDANCE_MARKED.equals(r.type()) && r.value().contains(came.id()),
                    EVENT_WAIT);
            JsonNode data = Api.JSON.readTree(events.get(0).value());
            assertThat(data.get("attended").asBoolean()).isTrue();
            assertThat(data.get("by").asString()).isEqualTo(manager.id());
            assertThat(data.get("postId").asString()).isEqualTo(id);
        }
        List<JsonNode> after = api(manager).get("/api/sessions/" + id + "/attendees").items();
        assertThat(after.get(0).get("attended").asBoolean()).isTrue();
        assertThat(after.get(1).get("attended").asBoolean()).isFalse();
    }

    @Test
    void checkInOpensAnHourBeforeTheStartSoAttendanceCanBeMarkedAtTheReceptionDesk() {
        TestMember manager = moderator("受付 担当");
        TestMember arriving = member("早めに来た人");
        String id = createSession(manager, "受付のある勉強会", inDays(2), 10);
        assertThat(api(arriving).put("/api/sessions/" + id + "/rsvp").status()).isEqualTo(200);

        startsIn(id, Duration.ofMinutes(65));
        Api.Response tooEarly = api(manager).put("/api/sessions/" + id + "/attendance/" + arriving.id(),
                Map.of("attended", true));
        assertThat(tooEarly.status()).as(tooEarly.body()).isEqualTo(409);
        assertThat(tooEarly.contentType()).startsWith("application/problem+json");
        assertThat(tooEarly.body()).contains(CHECK_IN_NOT_OPEN);
        assertThat(api(manager).get("/api/sessions/" + id + "/attendees").items().get(0).get("attended").isNull())
                .isTrue();

        startsIn(id, Duration.ofMinutes(55));
        Api.Response checkedIn = api(manager).put("/api/sessions/" + id + "/attendance/" + arriving.id(),
                Map.of("attended", true));
        assertThat(checkedIn.status()).as(checkedIn.body()).isEqualTo(200);
        assertThat(checkedIn.json().get("attended").asBoolean()).isTrue();
        // the other rules stay: before the start registration is still open
        assertThat(api(member("駆け込み")).put("/api/sessions/" + id + "/rsvp").status()).isEqualTo(200);
    }

    private String createSession(TestMember manager, String title, OffsetDateTime startsAt, int capacity) {
        Api.Response created = api(manager).post("/api/posts", session(title, schedule(startsAt, capacity)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** The session starts {@code in} from now and lasts an hour (the clock is not moved: the data is). */
    private void startsIn(String postId, Duration in) {
        moveToPast(postId, in.negated());
    }

    /** The session started {@code ago} and ends an hour later than it started (the clock is not moved: the data is). */
    private void moveToPast(String postId, Duration ago) {
        Instant startsAt = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)), new Update()
                .set("session.startsAt", Date.from(startsAt))
                .set("session.endsAt", Date.from(startsAt.plus(Duration.ofHours(1)))), "posts");
    }

    private static Map<String, Object> schedule(OffsetDateTime startsAt, int capacity) {
        Map<String, Object> schedule = new HashMap<>();
        schedule.put("startsAt", startsAt.toString());
        schedule.put("endsAt", startsAt.plusHours(2).toString());
        schedule.put("place", "那覇市役所");
        schedule.put("capacity", capacity);
        return schedule;
    }

    private static Map<String, Object> session(String title, Map<String, Object> schedule) {
        return Map.of("channel", "sessions", "kind", "SESSION", "title", title, "body", "**勉強会**の案内です。",
                "tags", List.of(), "session", schedule);
    }

    private static OffsetDateTime inDays(int days) {
        return OffsetDateTime.now(JST).plusDays(days).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.items().stream().map(item -> item.get("id").asString()).toList();
    }

    private static String name(String memberId, TestMember going, TestMember first, TestMember second) {
        return memberId.equals(going.id()) ? "going" : memberId.equals(first.id()) ? "first"
                : memberId.equals(second.id()) ? "second" : memberId;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).as(response.body()).contains(field);
    }
}
