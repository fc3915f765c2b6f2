package jp.kyoso.notifications.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The successor hears of a handover once (HANDOVER_RECEIVED), and an invited successor gets one invitation mail
 * (SendHandoverInvitationMail), whatever the redeliveries.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandoverNoticeAndInvitationTest extends NotificationsTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAMED = "kyoso.members.HandoverNamed.v1";
    private static final String INVITE = "kyoso.notifications.SendHandoverInvitationMail.v1";
    private static final String COMMANDS_CONSUMER = "notifications-service.commands";
    private static final String MEMBERS_CONSUMER = "notifications-service.members";

    @Test
    void theSuccessorGetsOneNoticeAndOneMailWhateverTheRedeliveries() throws Exception {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        String handoverId = "h-" + UUID.randomUUID();
        String json = JSON.writeValueAsString(HandoverWatchesTest.handover(handoverId, gima, successor));
        String first = publish(MEMBERS, handoverId, NAMED, UUID.randomUUID().toString(), json);

        await().atMost(WAIT).until(() -> notices(successor).size() == 1);
        JsonNode notice = notices(successor).get(0);
        assertThat(notice.get("actor").get("id").asString()).isEqualTo(gima.id());
        assertThat(notice.get("actor").get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(notice.get("title").asString()).isEqualTo("久米島町 福祉課こども班");
        assertThat(notice.get("snippet").asString()).isEqualTo("児童手当の現況届の質問はまだ回答待ちです。");
        assertThat(notice.get("extra").asString()).isEqualTo(handoverId);
        assertThat(notice.has("postId")).isFalse();

        // a redelivery of the same event, and the same handover under another event id
        publish(MEMBERS, handoverId, NAMED, first, json);
        String again = publish(MEMBERS, handoverId, NAMED, UUID.randomUUID().toString(), json);
        await().atMost(WAIT).until(() -> processed(MEMBERS_CONSUMER, again));

        // the mail, per her mode (INSTANT by default): the notice's words and the link to the handover page
        await().atMost(WAIT).until(() -> TestMail.to(successor.email()).size() == 1);
        MimeMessage mail = TestMail.to(successor.email()).get(0);
        assertThat(mail.getSubject()).contains("儀間 聡子さんから「久米島町 福祉課こども班」の引き継ぎが届きました");
        assertThat(((String) mail.getContent()).replace("\r\n", "\n")).contains("https://kyoso.example/handover");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> notices(successor).size() == 1 && TestMail.to(successor.email()).size() == 1);
        assertThat(notices(gima)).isEmpty();
    }

    @Test
    void aSuccessorWhoSwitchedTheTypeOffGetsNoNotice() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        assertThat(send("PUT", successor, "/api/notifications/preferences", Map.of("email", "INSTANT",
                "types", Map.of("HANDOVER_RECEIVED", false))).getStatusCode().value()).isEqualTo(200);
        JsonNode preferences = json(get(successor, "/api/notifications/preferences"));
        assertThat(preferences.get("types").get("HANDOVER_RECEIVED").asBoolean()).isFalse();
        assertThat(json(get(gima, "/api/notifications/preferences")).get("types").get("HANDOVER_RECEIVED")
                .asBoolean()).isTrue();

        String handoverId = "h-" + UUID.randomUUID();
        String eventId = publish(MEMBERS, handoverId, NAMED, HandoverWatchesTest.handover(handoverId, gima,
                successor));
        await().atMost(WAIT).until(() -> processed(MEMBERS_CONSUMER, eventId));
        assertThat(notices(successor)).isEmpty();
        // the watches are there all the same
        assertThat(get(successor, "/api/notifications/handovers/" + handoverId + "/watches").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void anInvitedSuccessorGetsOneMailWithTheLinkAndTheCodeWhichNoLogLineShows(CapturedOutput output)
            throws Exception {
        TestMember gima = member("儀間 聡子");
        String handoverId = "h-" + UUID.randomUUID();
        String address = "nakazato-" + UUID.randomUUID().toString().substring(0, 8) + "@town.kumejima.okinawa.jp";
        String code = "ABCD-EFGH-JKMN-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase() + "-TUVW";
        String json = JSON.writeValueAsString(invitation(handoverId, gima, address, code));
        String first = publish(COMMANDS, handoverId, INVITE, UUID.randomUUID().toString(), json);

        await().atMost(WAIT).until(() -> TestMail.to(address).size() == 1);
        MimeMessage mail = TestMail.to(address).get(0);
        assertThat(mail.getSubject()).contains("儀間 聡子さんから「久米島町 福祉課こども班」の引き継ぎが届いています")
                .contains("handed over");
        String text = ((String) mail.getContent()).replace("\r\n", "\n");
        assertThat(text).contains("https://kyoso.example/register?invitation=" + code)
                .contains("\n" + code + "\n")
                .contains("児童手当の現況届の質問はまだ回答待ちです。")
                .contains("「久米島町 福祉課こども班」（2022-04-01〜）")
                .contains("有効期限: 2030-04-14 18:00 (JST)")
                .contains("Valid until: 2030-04-14 18:00 (JST)");
        assertThat(text.indexOf("こんにちは")).isLessThan(text.indexOf("Hello,"));

        // the same command again, and the same handover under another command id: still one mail
        publish(COMMANDS, handoverId, INVITE, first, json);
        String again = publish(COMMANDS, handoverId, INVITE, UUID.randomUUID().toString(), json);
        await().atMost(WAIT).until(() -> processed(COMMANDS_CONSUMER, again));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
                .until(() -> TestMail.to(address).size() == 1);

        // the delivery log shows the masked address and never the text
        TestMember moderator = member("運営", "MEMBER", "MODERATOR");
        String log = get(moderator, "/api/notifications/deliveries?limit=100").getBody();
        assertThat(log).contains("email:handover-invitation:" + handoverId).contains("HANDOVER_INVITATION")
                .doesNotContain(code).doesNotContain(address);
        assertThat(output.getAll()).doesNotContain(code);

        // the leaver leaves: no copy of the mail's text stays
        publish(MEMBERS, gima.id(), "kyoso.members.MemberDeactivated.v1", Map.of("memberId", gima.id(),
                "deactivatedAt", Instant.now().toString()));
        await().atMost(WAIT).until(() -> {
            Document delivery = mongo.findById("email:handover-invitation:" + handoverId, Document.class,
                    "deliveries");
            return delivery != null && !delivery.containsKey("text") && !delivery.containsKey("to");
        });
    }

    @Test
    void anInvitationWithALinkToAnotherSiteIsRefusedAndNotSent() {
        TestMember gima = member("儀間 聡子");
        String handoverId = "h-" + UUID.randomUUID();
        String address = "phish-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Map<String, Object> command = invitation(handoverId, gima, address, "ABCD-EFGH-JKMN-PQRS-TUVW");
        command.put("registrationPath", "//evil.example/register");
        String commandId = publish(COMMANDS, handoverId, INVITE, command);
        // a record that can never be processed goes to the dead letters at once; the consumer carries on
        String next = publish(COMMANDS, handoverId, INVITE, invitation("h-" + UUID.randomUUID(), gima,
                address, "ABCD-EFGH-JKMN-PQRS-TUVW"));
        await().atMost(WAIT).until(() -> processed(COMMANDS_CONSUMER, next));
        assertThat(processed(COMMANDS_CONSUMER, commandId)).isFalse();
        await().atMost(WAIT).until(() -> TestMail.to(address).size() == 1);
        assertThat(mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is("email:handover-invitation:" + handoverId)), "deliveries")).isFalse();
    }

    private static Map<String, Object> invitation(String handoverId, TestMember predecessor, String email,
                                                  String code) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("organization", "久米島町");
        position.put("organizationCode", "473618");
        position.put("department", "福祉課こども班");
        position.put("from", "2022-04-01");
        position.put("to", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handoverId", handoverId);
        data.put("email", email);
        data.put("predecessorId", predecessor.id());
        data.put("predecessorName", predecessor.displayName());
        data.put("position", position);
        data.put("note", "児童手当の現況届の質問はまだ回答待ちです。");
        data.put("invitationCode", code);
        data.put("expiresAt", "2030-04-14T09:00:00Z");
        data.put("registrationPath", "/register?invitation=" + code);
        return data;
    }

    private List<JsonNode> notices(TestMember member) {
        return inbox(member).stream().filter(n -> "HANDOVER_RECEIVED".equals(n.get("type").asString())).toList();
    }
}
