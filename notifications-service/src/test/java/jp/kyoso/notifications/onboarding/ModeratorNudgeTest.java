package jp.kyoso.notifications.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** kyoso.notifications.SendNudge.v1: a moderator's nudge, once per nudgeId, by the member's mail preference. */
class ModeratorNudgeTest extends NotificationsTestBase {
    private static final String SEND_NUDGE = "kyoso.notifications.SendNudge.v1";
    private static final String CONSUMER = "notifications-service.commands";
    private static final String TITLE = "自己紹介を書いてみませんか";
    private static final String BODY = "那覇の勉強会ではありがとうございました。".repeat(12)
            + "\n#introductions で、担当業務や困っていることを書いてみてください。";

    @Test
    void aNudgeIsOneInboxItemAndOneMailWithTheModeratorsTitleAndTextEvenWhenDeliveredAgain() throws Exception {
        TestMember member = member("促し 受取");
        String nudgeId = UUID.randomUUID().toString();
        String json = command(nudgeId, member);
        String first = publish(COMMANDS, member.id(), SEND_NUDGE, UUID.randomUUID().toString(), json);

        await().atMost(Duration.ofSeconds(20)).until(() -> nudges(member).size() == 1);
        JsonNode item = nudges(member).get(0);
        assertThat(item.get("title").asString()).isEqualTo(TITLE);
        assertThat(item.get("snippet").asString()).isEqualTo(BODY.substring(0, 200));
        assertThat(item.path("postId").isMissingNode() || item.get("postId").isNull()).isTrue();
        assertThat(item.get("read").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(member.email()).size() == 1);
        MimeMessage mail = TestMail.to(member.email()).get(0);
        assertThat(mail.getSubject()).isEqualTo(TITLE);
        String text = ((String) mail.getContent()).replace("\r\n", "\n");
        assertThat(text).startsWith(BODY.strip())
                .contains("https://kyoso.example/posts/new?channel=introductions&kind=INTRODUCTION");

        // the same command again (a redelivery), and the same nudge under another command id (a retried producer)
        publish(COMMANDS, member.id(), SEND_NUDGE, first, json);
        String again = publish(COMMANDS, member.id(), SEND_NUDGE, UUID.randomUUID().toString(), json);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, again));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TestMail.to(member.email()).size() == 1 && nudges(member).size() == 1);
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("email:nudge:" + nudgeId)),
                "deliveries")).isEqualTo(1);
    }

    @Test
    void withMailSwitchedOffTheNudgeIsInTheInboxOnlyAndWithTheDigestItWaitsForTheDigest() {
        TestMember off = member("促し メール無し");
        TestMember digest = member("促し まとめ");
        send("PUT", off, "/api/notifications/preferences", Map.of("email", "OFF"));
        send("PUT", digest, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST"));
        String offNudge = UUID.randomUUID().toString();
        String digestNudge = UUID.randomUUID().toString();
        String offCommand = publish(COMMANDS, off.id(), SEND_NUDGE, UUID.randomUUID().toString(),
                command(offNudge, off));
        String digestCommand = publish(COMMANDS, digest.id(), SEND_NUDGE, UUID.randomUUID().toString(),
                command(digestNudge, digest));

        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, offCommand)
                && processed(CONSUMER, digestCommand));
        assertThat(nudges(off)).hasSize(1);
        assertThat(nudges(digest)).hasSize(1);
        assertThat(mongo.exists(idIs("email:nudge:" + offNudge), "deliveries")).isFalse();
        assertThat(mongo.exists(idIs("email:nudge:" + digestNudge), "deliveries")).isFalse();
        Document digestNotice = mongo.findById(digest.id() + ":nudge:" + digestNudge, Document.class,
                "notifications");
        assertThat(digestNotice.getString("mailMode")).isEqualTo("DIGEST");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TestMail.to(off.email()).isEmpty() && TestMail.to(digest.email()).isEmpty());
    }

    @Test
    void aMemberWhoHasLeftGetsNothing() {
        TestMember gone = member("促し 退会");
        publish(MEMBERS, gone.id(), "kyoso.members.MemberDeactivated.v1", Map.of("memberId", gone.id(),
                "deactivatedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(gone.id()).deactivated());
        String nudgeId = UUID.randomUUID().toString();
        String commandId = publish(COMMANDS, gone.id(), SEND_NUDGE, UUID.randomUUID().toString(),
                command(nudgeId, gone));
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(CONSUMER, commandId));
        assertThat(mongo.exists(idIs(gone.id() + ":nudge:" + nudgeId), "notifications")).isFalse();
        assertThat(mongo.exists(idIs("email:nudge:" + nudgeId), "deliveries")).isFalse();
    }

    private static org.springframework.data.mongodb.core.query.Query idIs(String id) {
        return org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id));
    }

    private static String command(String nudgeId, TestMember member) {
        return JSON.writeValueAsString(Map.of("nudgeId", nudgeId, "memberId", member.id(), "title", TITLE,
                "body", BODY, "sentBy", "moderator-1", "at", Instant.now().toString()));
    }

    private List<JsonNode> nudges(TestMember member) {
        return inbox(member).stream().filter(n -> "FIRST_POST_NUDGE".equals(n.get("type").asString())).toList();
    }
}
