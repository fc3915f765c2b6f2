package jp.kyoso.notifications.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Only members-service may ask for mail. A well-formed SendVerificationMail that claims any other source (anyone who
 * can reach the broker could write one, with a link of their own) sends nothing: it goes to the dead-letter topic and
 * is counted. The very same command from members-service is sent.
 */
class ForgedCommandsTest extends NotificationsTestBase {
    private static final String DLT = "kyoso.notifications.commands.v1.notifications-service.dlt";
    private static final String VERIFICATION = "kyoso.notifications.SendVerificationMail.v1";

    @Autowired
    MeterRegistry meters;

    @Test
    void aVerificationMailCommandWithAForgedSourceIsADeadLetterAndNoMailIsSent() {
        String address = unique("phished") + "@city.example.lg.jp";
        String memberId = unique("m");
        String json = JSON.writeValueAsString(Map.of("memberId", memberId, "email", address,
                "displayName", "狙われた 人", "token", "Forged_token-0123456789abcdefABCDEF",
                "expiresAt", Instant.now().plusSeconds(86400).toString()));
        double rejectedBefore = rejected();

        String forged;
        String forgedAsService;
        try (TopicProbe deadLetters = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(), DLT)) {
            forged = publish(COMMANDS, memberId, VERIFICATION, unique("forged"), json, "/attacker");
            // another Kyoso service is not allowed to ask for mail either
            forgedAsService = publish(COMMANDS, memberId, VERIFICATION, unique("forged"), json, "/kyoso/posts-service");
            assertThat(deadLetters.awaitRecords(r -> forged.equals(r.id()), Duration.ofSeconds(30))).hasSize(1);
            assertThat(deadLetters.awaitRecords(r -> forgedAsService.equals(r.id()), Duration.ofSeconds(30)))
                    .hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected() >= rejectedBefore + 2);
        assertThat(processed(NotificationCommandsConsumer.NAME, forged)).isFalse();
        assertThat(mongo.findById("email:" + forged, Document.class, "deliveries")).isNull();
        assertThat(mongo.findById("email:" + forgedAsService, Document.class, "deliveries")).isNull();

        // the same command from members-service (same key, so after the forged ones on the partition) is sent, and it
        // is the only mail this address ever gets
        String genuine = publish(COMMANDS, memberId, VERIFICATION, unique("cmd"), json);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(address).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(NotificationCommandsConsumer.NAME, genuine));
        assertThat(TestMail.to(address)).hasSize(1);
        assertThat(mongo.findById("email:" + forged, Document.class, "deliveries")).isNull();
    }

    private double rejected() {
        Counter counter = meters.find(TrustedSources.REJECTED).tag("topic", COMMANDS)
                .tag("reason", TrustedSources.UNTRUSTED_SOURCE).counter();
        return counter == null ? 0 : counter.count();
    }
}
