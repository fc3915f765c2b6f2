package jp.kyoso.notifications.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.kyoso.notifications.support.TestClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SESSION_FOLLOW_UP: an hour after the end, to attendees only, once; and a deleted session sends nothing. */
class SessionFollowUpsTest extends SessionTestSupport {
    private static final String FOLLOW_UP = "SESSION_FOLLOW_UP";

    @Test
    void attendeesAreInvitedToTheThreadAnHourAfterTheEndAndOnlyThey() {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        TestMember came = member("出席 一郎");
        TestMember absent = member("欠席 二郎");
        TestMember unmarked = member("未記入 三郎");
        TestMember markedLater = member("後日 記録");
        TestMember noMail = member("通知 のみ");
        assertThat(send("PUT", noMail, "/api/notifications/preferences", Map.of("email", "OFF"))
                .getStatusCode().value()).isEqualTo(200);
        // started three hours ago, ended a minute less than an hour ago: the follow-up is a minute away
        Instant endsAt = TestClock.now().minus(Duration.ofHours(1)).plus(Duration.ofMinutes(1));
        String postId = session(moderator, "ふりかえりのある勉強会", endsAt.minus(Duration.ofHours(2)), endsAt,
                "那覇市IT創造館", null);
        for (TestMember member : new TestMember[] {came, absent, unmarked, markedLater, noMail}) {
            handled(rsvp(postId, member, "GOING"));
        }
        handled(attended(postId, came, true), attended(postId, absent, false), attended(postId, noMail, true));
        assertThat(sessions.runDue(TestClock.now())).isZero();
        assertThat(notices(came, postId, FOLLOW_UP)).isEmpty();

        TestClock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(came, postId, FOLLOW_UP).size() == 1
                && notices(noMail, postId, FOLLOW_UP).size() == 1);
        JsonNode notice = notices(came, postId, FOLLOW_UP).get(0);
        assertThat(notice.get("title").asString()).isEqualTo("ふりかえりのある勉強会");
        assertThat(notice.get("snippet").asString()).isEqualTo(
                "参加ありがとうございました。ふりかえりをこのスレッドに書きませんか / "
                        + "Thanks for coming: share what you learned in the thread");
        await().atMost(Duration.ofSeconds(20)).until(() -> mails(came).size() == 1);
        assertThat(subject(mails(came).get(0))).contains("ふりかえりのある勉強会", "参加ありがとうございました",
                "Thanks for coming");
        assertThat(body(mails(came).get(0))).contains("https://kyoso.example/sessions/" + postId);
        assertThat(mails(noMail)).isEmpty();
        // no reminder either: the session had started when they signed up
        assertThat(inboxAbout(absent, postId)).isEmpty();
        assertThat(inboxAbout(unmarked, postId)).isEmpty();
        assertThat(notices(came, postId, "SESSION_REMINDER")).isEmpty();

        // attendance marked afterwards: at once, while the event is handled
        handled(attended(postId, markedLater, true));
        assertThat(notices(markedLater, postId, FOLLOW_UP)).hasSize(1);
        // marked again (unmarked and marked once more): still one
        handled(attended(postId, came, false));
        handled(attended(postId, came, true));
        assertThat(sessions.runDue(TestClock.now())).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> mails(markedLater).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> mails(came).size() == 1 && notices(came, postId, FOLLOW_UP).size() == 1);
        assertThat(mails(absent)).isEmpty();
        assertThat(mails(unmarked)).isEmpty();
    }

    @Test
    void aDeletedSessionSendsNeitherReminderNorFollowUp() {
        TestMember moderator = member("勉強会 主催", "MODERATOR");
        TestMember going = member("削除 前参加");
        TestMember came = member("削除 前出席");
        Instant startsAt = TestClock.now().plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        String upcoming = session(moderator, "中止になる勉強会", startsAt, startsAt.plus(Duration.ofHours(1)),
                "那覇市", null);
        Instant endsAt = TestClock.now().minus(Duration.ofHours(1)).plus(Duration.ofMinutes(1));
        String past = session(moderator, "消される勉強会", endsAt.minus(Duration.ofHours(1)), endsAt, "那覇市", null);
        handled(rsvp(upcoming, going, "GOING"), rsvp(past, came, "GOING"));
        handled(attended(past, came, true));
        handled(deleted(upcoming), deleted(past));
        // an RSVP of the deleted session delivered late changes nothing either
        handled(rsvp(upcoming, came, "GOING"));

        TestClock.advance(Duration.ofMinutes(2));
        assertThat(sessions.runDue(TestClock.now())).isZero();
        // a control: another session due at the same time is sent, so the scheduler did run
        TestMember control = member("対照 会員");
        String other = session(moderator, "予定どおりの勉強会", TestClock.now().plus(Duration.ofHours(23)),
                TestClock.now().plus(Duration.ofHours(24)), "那覇市", null);
        handled(rsvp(other, control, "GOING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mails(control).size() == 1);
        assertThat(inboxAbout(going, upcoming)).isEmpty();
        assertThat(inboxAbout(came, past)).isEmpty();
        assertThat(inboxAbout(came, upcoming)).isEmpty();
        assertThat(mails(going)).isEmpty();
        assertThat(mails(came)).isEmpty();
    }
}
