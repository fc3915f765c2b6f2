package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import jp.kyoso.local.LocalPlatform;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation's round trip on the real broker: a state change in members-service leaves through its outbox, crosses
 * Kafka, is consumed by notifications-service, and its result (a mail) is visible over HTTP.
 */
@ExtendWith(RunningPlatform.class)
class EventRoundTripIT {

    @Test
    void theBrokerHoldsTheThreeVersionedTopics() throws Exception {
        LocalPlatform platform = RunningPlatform.platform();
        // signed in as notifications-service, whose ACLs let it see the three (the bus is secured, RunningPlatform)
        try (AdminClient admin = AdminClient.create(platform.kafkaClientProperties("notifications-service"))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("kyoso.members.v1", "kyoso.posts.v1", "kyoso.notifications.commands.v1");
            var posts = admin.describeTopics(Set.of("kyoso.posts.v1")).allTopicNames().get().get("kyoso.posts.v1");
            assertThat(posts.partitions()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRegistrationInMembersServiceBecomesAMailSentByNotificationsService() {
        String email = "round.trip@city.naha.lg.jp";
        Http.Response registered = Http.send("POST", Member.gateway() + "/api/auth/register", null, Map.of(
                "email", email, "password", Member.PASSWORD, "displayName", "那覇 太郎", "handle", "naha_taro",
                "organization", "那覇市", "organizationCode", "472018"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(202);
        assertThat(registered.header("X-Request-Id")).isNotBlank();

        String token = Member.verificationToken(email);
        assertThat(token).isNotBlank();
        Http.Response verified = Http.send("POST", Member.gateway() + "/api/auth/verify", null, Map.of("token", token));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("status").asString()).isEqualTo("ACTIVE");
    }
}
