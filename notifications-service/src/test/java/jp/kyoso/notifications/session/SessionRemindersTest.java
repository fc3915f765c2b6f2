package jp.kyoso.notifications.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kyoso.notifications.support.TestClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SESSION_REMINDER: the day before, to GOING members only, once. The tests move the service's clock. */
class SessionRemindersTest extends SessionTestSupport {
    private static final String REMINDER = "SESSION_REMINDER";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Test
    void goingMembersAreRemindedTheDayBeforeInTheAppAndByMailPerTheirPreferences() throws Exception {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        TestMember going = member("参加 太郎");
        TestMember waitlisted = member("待機 花子");
        TestMember cancelled = member("取消 次郎");
        TestMember noMail = member("通知 だけ");
        TestMember switchedOff = member("通知 不要");
        assertThat(send("PUT", noMail, "/api/notifications/preferences", Map.of("email", "OFF"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(send("PUT", switchedOff, "/api/notifications/preferences",
                Map.of("types", Map.of("SESSION_REMINDER", false))).getStatusCode().value()).isEqualTo(200);
        // starts a day and a minute from the service's now
        Instant startsAt = TestClock.now().plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        String postId = session(moderator, "那覇 DX 勉強会", startsAt, startsAt.plus(Duration.ofHours(3)),
                "那覇市IT創造館", null);
        handled(rsvp(postId, going, "GOING"), rsvp(postId, waitlisted, "WAITLISTED"),
                rsvp(postId, cancelled, "GOING"), rsvp(postId, noMail, "GOING"), rsvp(postId, switchedOff, "GOING"));
        handled(rsvp(postId, cancelled, "CANCELLED"));

        // not yet: a day and a minute before the start
        assertThat(sessions.runDue(TestClock.now())).isZero();
        assertThat(notices(going, postId, REMINDER)).isEmpty();

        TestClock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(going, postId, REMINDER).size() == 1
                && notices(noMail, postId, REMINDER).size() == 1);
        JsonNode notice = notices(going, postId, REMINDER).get(0);
        assertThat(notice.get("title").asString()).isEqualTo("那覇 DX 勉強会");
        String when = HH_MM.format(startsAt.atZone(SessionText.TOKYO));
        assertThat(notice.get("snippet").asString()).contains("（日本時間）", when, "会場: 那覇市IT創造館", "JST",
                "at 那覇市IT創造館");
        assertThat(notice.get("channel").asString()).isEqualTo("sessions");

        await().atMost(Duration.ofSeconds(20)).until(() -> mails(going).size() == 1);
        assertThat(subject(mails(going).get(0))).contains("参加予定の勉強会のお知らせ", "那覇 DX 勉強会",
                "Reminder of your study session");
        assertThat(body(mails(going).get(0))).contains("会場: 那覇市IT創造館", "https://kyoso.example/sessions/" + postId);

        // the member with mail OFF has the notice in the app only; the one who switched the type off has nothing
        assertThat(mails(noMail)).isEmpty();
        assertThat(inboxAbout(switchedOff, postId)).isEmpty();
        // never the waitlisted nor the cancelled member
        assertThat(inboxAbout(waitlisted, postId)).isEmpty();
        assertThat(inboxAbout(cancelled, postId)).isEmpty();
        assertThat(mails(waitlisted)).isEmpty();
        assertThat(mails(cancelled)).isEmpty();
    }

    @Test
    void aMemberPromotedFromTheWaitlistAfterTheReminderTimeIsRemindedAtOnceAndOnlyOnce() {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        TestMember promoted = member("繰上 三郎");
        Instant startsAt = TestClock.now().plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        String postId = session(moderator, "オンライン勉強会", startsAt, startsAt.plus(Duration.ofHours(1)), null,
                "https://meet.example.jp/kyoso");
        handled(rsvp(postId, promoted, "WAITLISTED"));
        TestClock.advance(Duration.ofMinutes(2));
        assertThat(sessions.runDue(TestClock.now())).isZero();

        String promotion = rsvp(postId, promoted, "GOING");
        handled(promotion);
        // at once: sent while the event was handled, before its processed mark
        List<JsonNode> reminders = notices(promoted, postId, REMINDER);
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).get("snippet").asString()).contains("オンライン開催", "online");

        // the same record again, and a cancel and a new GOING: no second reminder, no second mail
        publish(POSTS, postId, "kyoso.posts.SessionRsvpChanged.v1", promotion, JSON.writeValueAsString(Map.of(
                "postId", postId, "memberId", promoted.id(), "status", "GOING", "at", Instant.now().toString())));
        handled(rsvp(postId, promoted, "CANCELLED"));
        String again = rsvp(postId, promoted, "GOING");
        handled(again);
        assertThat(sessions.runDue(TestClock.now())).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> mails(promoted).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mails(promoted).size() == 1 && notices(promoted, postId, REMINDER).size() == 1);
    }

    @Test
    void twoInstancesCheckingAtOnceSendOneReminderPerMember() throws Exception {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        List<TestMember> going = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            going.add(member("同時 " + i));
        }
        Instant startsAt = TestClock.now().plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        String postId = session(moderator, "同時実行の勉強会", startsAt, startsAt.plus(Duration.ofHours(1)),
                "福岡市", "https://meet.example.jp/fukuoka");
        for (TestMember member : going) {
            handled(rsvp(postId, member, "GOING"));
        }
        // the scheduler runs too: together with these, up to five checks at the same moment
        TestClock.advance(Duration.ofMinutes(2));
        Instant now = TestClock.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> sessions.runDue(now));
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        for (TestMember member : going) {
            assertThat(notices(member, postId, REMINDER)).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> mails(member).size() == 1);
        }
        assertThat(storedNotices(SessionNotices.REMINDER_KEY + postId)).isEqualTo(5);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> going.stream().allMatch(m -> mails(m).size() == 1));
    }

    @Test
    void aRescheduledSessionMovesTheReminderAndAReminderSentIsNotSentAgain() {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        TestMember going = member("日程 変更");
        Instant startsAt = TestClock.now().plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        String postId = session(moderator, "日程が変わる勉強会", startsAt, startsAt.plus(Duration.ofHours(2)),
                "那覇市", null);
        handled(rsvp(postId, going, "GOING"));
        // moved three minutes later, then an older version arrives late: the latest by `at` wins
        Instant later = startsAt.plus(Duration.ofMinutes(3));
        handled(scheduled(postId, "日程が変わる勉強会", later, later.plus(Duration.ofHours(2)), "那覇市", null,
                Instant.now()));
        handled(scheduled(postId, "日程が変わる勉強会", startsAt, startsAt.plus(Duration.ofHours(2)), "那覇市", null,
                Instant.now().minus(Duration.ofMinutes(5))));

        TestClock.advance(Duration.ofMinutes(2));
        assertThat(sessions.runDue(TestClock.now())).isZero();
        assertThat(notices(going, postId, REMINDER)).isEmpty();

        TestClock.advance(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(going, postId, REMINDER).size() == 1);
        assertThat(notices(going, postId, REMINDER).get(0).get("snippet").asString())
                .contains(HH_MM.format(later.atZone(SessionText.TOKYO)));

        // moved again, two minutes later: the reminder was sent and is not sent again
        Instant again = later.plus(Duration.ofMinutes(2));
        handled(scheduled(postId, "日程が変わる勉強会", again, again.plus(Duration.ofHours(2)), "那覇市", null,
                Instant.now()));
        TestClock.advance(Duration.ofMinutes(2));
        assertThat(sessions.runDue(TestClock.now())).isZero();
        assertThat(notices(going, postId, REMINDER)).hasSize(1);
    }

    @Test
    void theNewTypesAreSwitchablePreferencesThatDefaultToOn() {
        TestMember member = member("設定 確認");
        JsonNode defaults = json(get(member, "/api/notifications/preferences"));
        assertThat(defaults.get("types").get("SESSION_REMINDER").asBoolean()).isTrue();
        assertThat(defaults.get("types").get("SESSION_FOLLOW_UP").asBoolean()).isTrue();
        JsonNode saved = json(send("PUT", member, "/api/notifications/preferences",
                Map.of("types", Map.of("SESSION_FOLLOW_UP", false))));
        assertThat(saved.get("types").get("SESSION_FOLLOW_UP").asBoolean()).isFalse();
        assertThat(saved.get("types").get("SESSION_REMINDER").asBoolean()).isTrue();
        assertThat(json(get(member, "/api/notifications/preferences")).get("types").get("SESSION_FOLLOW_UP")
                .asBoolean()).isFalse();
    }
}
