package jp.kyoso.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.DeliveryStatus;
import jp.kyoso.notifications.digest.DailyDigest;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class EmailDeliveryTest extends NotificationsTestBase {
    @Autowired
    DailyDigest dailyDigest;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;
    @Autowired
    InboxStore inbox;
    @Autowired
    InstantMails instantMails;

    @Test
    void theVerificationMailLinksToTheWebClientAndShowsTheRawTokenInJapaneseAndEnglish() throws Exception {
        String address = unique("new") + "@town.kumejima.lg.jp";
        String token = "Zx_9-abcDEF0123456789_-tokenABCDEFGHIJKLMN";
        publish(COMMANDS, "m-1", "kyoso.notifications.SendVerificationMail.v1", Map.of("memberId", "m-1",
                "email", address, "displayName", "儀間 聡子", "token", token,
                "expiresAt", Instant.now().plusSeconds(86400).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(address).size() == 1);
        MimeMessage mail = TestMail.to(address).get(0);
        String body = (String) mail.getContent();
        assertThat(body).contains("https://kyoso.example/verify?token=" + token);
        assertThat(body.lines()).contains(token);
        assertThat(body.indexOf("儀間 聡子 さん")).isLessThan(body.indexOf("Hello 儀間 聡子"));
        assertThat(mail.getSubject()).startsWith("[共創 Kyoso] メールアドレスの確認 / Please verify");
        assertThat(mail.getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@kyoso.local");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Kyoso 共創");
        // what travelled is never quoted-printable, which would have written "token=3D..."
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.US_ASCII)).doesNotContainIgnoringCase("quoted-printable")
                .doesNotContain("token=3D");
        java.util.regex.Matcher extracted = java.util.regex.Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(extracted.find()).isTrue();
        assertThat(extracted.group(1)).isEqualTo(token);

        // the token does not stay in the delivery log once the mail is out
        await().atMost(Duration.ofSeconds(10)).until(() -> sent("kind", "VERIFICATION", "recipient",
                address.substring(0, 2) + "***" + address.substring(address.indexOf('@'))));
        // every status named, as the delivery log asks, so that its index serves the query
        assertThat(mongo.find(Query.query(Criteria.where("status").in(Arrays.stream(DeliveryStatus.values())
                .map(Enum::name).toList()).and("kind").is("VERIFICATION")), Document.class, "deliveries")
                .toString()).doesNotContain(token);
    }

    @Test
    void anAlreadyRegisteredAddressGetsAMailSayingSoEvenWithMailSwitchedOff() throws Exception {
        TestMember member = member("登録 済子");
        send("PUT", member, "/api/notifications/preferences", Map.of("email", "OFF"));
        publish(COMMANDS, member.id(), "kyoso.notifications.SendAlreadyRegisteredMail.v1",
                Map.of("memberId", member.id(), "email", member.email(), "displayName", member.displayName()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(member.email()).size() == 1);
        assertThat(TestMail.to(member.email()).get(0).getSubject()).contains("登録済み").contains("already registered");
    }

    @Test
    void noticesThatArriveTogetherShareOneInstantMailWithLinks() throws Exception {
        TestMember author = member("即時 メール");
        TestMember replier = member("佐藤 泰格");
        String postId = unique("p");
        publishPost(postId, "general", "まとめて届く", author);
        String first = publishReply(postId, "まとめて届く", author, replier);
        String second = publishReply(postId, "まとめて届く", author, replier, author);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(first) + storedNotices(second) == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMail.to(author.email()).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TestMail.to(author.email()).size() <= 2);
        List<MimeMessage> mails = TestMail.to(author.email());
        String all = mails.stream().map(EmailDeliveryTest::text).reduce("", String::concat);
        // both notices are mailed, once each; usually in one mail (they may straddle two windows)
        assertThat(count(all, "さんが 「まとめて届く」 に返信しました")).isEqualTo(1);
        assertThat(count(all, "であなたをメンションしました")).isEqualTo(1);
        assertThat(all).contains("https://kyoso.example/posts/" + postId + "#reply-")
                .contains("https://kyoso.example/settings/notifications");
        if (mails.size() == 1) {
            assertThat(mails.get(0).getSubject()).contains("新しい通知が 2 件あります / 2 new notifications");
        }
    }

    @Test
    void theDailyDigestListsUnreadNoticesOnceAndNeverRepeatsAnItemSentOrRead() throws Exception {
        TestMember reader = member("まとめ 読者");
        TestMember replier = member("返信 四郎");
        send("PUT", reader, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST"));
        String postId = unique("p");
        publishPost(postId, "general", "日次まとめ", reader);
        String one = publishReply(postId, "日次まとめ", reader, replier);
        String two = publishReply(postId, "日次まとめ", reader, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(one) + storedNotices(two) == 2);
        send("POST", reader, "/api/notifications/" + reader.id() + ":" + two + "/read", null);

        Instant dayOne = ZonedDateTime.parse("2030-04-01T08:05:00+09:00").toInstant();
        dailyDigest.runDue(dayOne);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(reader.email()).size() == 1);
        MimeMessage digest = TestMail.to(reader.email()).get(0);
        assertThat(digest.getSubject()).contains("2030-04-01").contains("1 件");
        assertThat(text(digest)).contains("返信 四郎").contains("日次まとめ");

        // the same day again: nothing; the next day: only what came since
        dailyDigest.runDue(dayOne.plusSeconds(3600));
        String three = publishReply(postId, "日次まとめ", reader, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(three) == 1);
        dailyDigest.runDue(dayOne.plus(Duration.ofDays(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(reader.email()).size() == 2);
        dailyDigest.runDue(dayOne.plus(Duration.ofDays(2)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> TestMail.to(reader.email()).size() == 2);
        List<String> listed = mongo.find(Query.query(Criteria.where("memberId").is(reader.id())
                .and("kind").is("DIGEST")), Document.class, "deliveries").stream()
                .flatMap(d -> d.getList("notificationIds", String.class).stream()).toList();
        assertThat(listed).containsExactlyInAnyOrder(reader.id() + ":" + one, reader.id() + ":" + three);
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(reader.id()).and("kind").is("INSTANT")),
                "deliveries")).isZero();
    }

    @Test
    void anInstantMailReadsItsWindowsNoticesWhenItLeavesAndALateNoticeGoesOutInASecondMail() throws Exception {
        TestMember reader = member("窓口 読者");
        TestMember replier = member("返信 六郎");
        send("PUT", reader, "/api/notifications/preferences", Map.of("email", "INSTANT"));
        String postId = unique("p");
        publishPost(postId, "general", "窓ごとの通知", reader);
        List<String> notices = List.of(reader.id() + ":" + publishReply(postId, "窓ごとの通知", reader, replier),
                reader.id() + ":" + publishReply(postId, "窓ごとの通知", reader, replier));
        await().atMost(Duration.ofSeconds(20)).until(() -> notices.stream()
                .allMatch(id -> mongo.findById(id, Document.class, "notifications") != null));
        // one mail per window of the notices' creation (both in one window, unless they straddle two), each notice
        // in exactly one of them
        long windows = notices.stream().map(id -> window(mongo.findById(id, Document.class, "notifications")))
                .distinct().count();
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(reader.email()).size() == windows);
        await().atMost(Duration.ofSeconds(5)).until(() -> mailedTo(reader).size() == 2);
        assertThat(mailedTo(reader)).containsExactlyInAnyOrderElementsOf(notices);

        // a notice stored for a window whose mail has left (its event was late): that mail goes out again, with it
        Document first = mongo.findById(notices.get(0), Document.class, "notifications");
        String late = reader.id() + ":" + unique("late-event");
        mongo.insert(new Document(first).append("_id", late), "notifications");
        instantMails.expect(List.of(new InstantMails.Notice(reader.id(), late, first.getDate("createdAt").toInstant())));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(reader.email()).size() == windows + 1);
        assertThat(mailedTo(reader)).containsExactlyInAnyOrderElementsOf(
                List.of(notices.get(0), notices.get(1), late));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> TestMail.to(reader.email()).size() == windows + 1);
    }

    private static long window(Document notice) {
        return notice.getDate("createdAt").getTime() / 1000;
    }

    private List<String> mailedTo(TestMember member) {
        return mongo.find(Query.query(Criteria.where("memberId").is(member.id()).and("kind").is("INSTANT")),
                Document.class, "deliveries").stream()
                .flatMap(d -> d.getList("mailedIds", String.class, List.of()).stream()).toList();
    }

    @Test
    void aDigestRunThatStoppedHalfWayIsCompletedByTheNextRunWithoutRepeatingAnItem() throws Exception {
        TestMember reader = member("中断 読者");
        TestMember replier = member("返信 五郎");
        send("PUT", reader, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST"));
        String postId = unique("p");
        publishPost(postId, "general", "中断したまとめ", reader);
        String one = publishReply(postId, "中断したまとめ", reader, replier);
        String two = publishReply(postId, "中断したまとめ", reader, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedNotices(one) + storedNotices(two) == 2);
        List<String> notices = List.of(reader.id() + ":" + one, reader.id() + ":" + two);
        Instant at = ZonedDateTime.parse("2031-06-01T08:05:00+09:00").toInstant();
        String digest = "digest:" + reader.id() + ":2031-06-01";

        // a run stopped right after its first step: the notices are marked for the digest, which was never queued
        inbox.markDigested(notices, digest);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(digest)), "deliveries")).isFalse();
        dailyDigest.runDue(at);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(reader.email()).size() == 1);
        assertThat(TestMail.to(reader.email()).get(0).getSubject()).contains("2031-06-01").contains("2 件");

        // a run stopped after queuing the digest, before noting the member as done: the next run adds nothing twice
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reader.id())),
                new org.springframework.data.mongodb.core.query.Update().unset("lastDigestDay"), "preferences");
        dailyDigest.runDue(at);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> TestMail.to(reader.email()).size() == 1);
        Document delivery = mongo.findById(digest, Document.class, "deliveries");
        assertThat(delivery.getString("status")).isEqualTo("SENT");
        assertThat(delivery.getList("notificationIds", String.class)).containsExactlyInAnyOrderElementsOf(notices);
        assertThat(mongo.count(Query.query(Criteria.where("memberId").is(reader.id()).and("kind").is("DIGEST")),
                "deliveries")).isEqualTo(1);
    }

    @Test
    void whileTheMailServerIsDownTheInboxIsUnaffectedAndTheMailIsDeliveredOnceItIsBack() {
        TestMember author = member("障害 確認");
        TestMember replier = member("復旧 待ち");
        String postId = unique("p");
        publishPost(postId, "general", "メールサーバー停止", author);
        TestMail.stop();
        try {
            String reply = publishReply(postId, "メールサーバー停止", author, replier);
            await().atMost(Duration.ofSeconds(10)).until(() -> storedNotices(reply) == 1);
            assertThat(inboxAbout(author, postId)).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Document delivery = instantDeliveryOf(author);
                return delivery != null && "RETRYING".equals(delivery.getString("status"))
                        && delivery.getString("lastError") != null;
            });
        } finally {
            TestMail.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(author.email()).size() == 1);
        Document delivery = instantDeliveryOf(author);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(instantDeliveryOf(author).getString("status")));
        assertThat(instantDeliveryOf(author).getInteger("attempts")).isGreaterThan(1);
        // a server that is down only makes the mail wait: however long it takes, that counts toward no failure limit
        assertThat(instantDeliveryOf(author).getInteger("failures")).isZero();
        assertThat(delivery.getString("lastError")).isNotBlank();
        TestMember moderator = member("ログ 閲覧", "MODERATOR");
        String log = get(moderator, "/api/notifications/deliveries?channel=EMAIL&status=SENT&limit=100").getBody();
        assertThat(log).contains(instantDeliveryOf(author).getString("_id")).doesNotContain(author.email());
        await().atMost(Duration.ofSeconds(10)).until(() -> circuitBreakers.circuitBreaker("smtp").getState()
                == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
    }

    private Document instantDeliveryOf(TestMember member) {
        return mongo.findOne(Query.query(Criteria.where("memberId").is(member.id()).and("kind").is("INSTANT")),
                Document.class, "deliveries");
    }

    private boolean sent(String field, String value, String recipientField, String recipient) {
        return mongo.exists(Query.query(Criteria.where(field).is(value).and(recipientField).is(recipient)
                .and("status").is("SENT")), "deliveries");
    }

    static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
