package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * kyoso.members.v1 is believed only from members-service: a well-formed member event that claims another source (anyone
 * who can reach the broker could write one) changes nothing, goes to the dead-letter topic and is counted.
 */
class ForgedMemberEventsTest extends MemberEventsTestBase {
    private static final String DLT = "kyoso.members.v1.posts-service.dlt";

    @Autowired
    MeterRegistry meters;

    @Test
    void aMemberEventFromAnotherSourceChangesNothingAndIsADeadLetter() {
        TestMember victim = member("被害 花子");
        TestMember reader = member("読む 人");
        members.joined(victim, "那覇市");
        String postId = api(victim).publish("general", "IDEA", "窓口の改善", "提案です。");
        await().atMost(PROJECTION).until(() -> "那覇市".equals(authorOf(reader, postId).path("organization").asString()));
        double rejectedBefore = rejected();

        try (TopicProbe deadLetters = new TopicProbe(kafka(), DLT)) {
            // a forged erasure and a forged rename, each claiming a source that is not members-service
            Map<String, Object> deactivated = new LinkedHashMap<>();
            deactivated.put("memberId", victim.id());
            deactivated.put("deactivatedAt", Instant.now().toString());
            String forgedErasure = members.sendAs("/kyoso/posts-service", "MemberDeactivated", victim.id(),
                    deactivated);
            Map<String, Object> renamed = new LinkedHashMap<>();
            renamed.put("memberId", victim.id());
            renamed.put("handle", victim.handle());
            renamed.put("displayName", "偽の名前");
            renamed.put("organization", "偽の市");
            String forgedRename = members.sendAs("/attacker", "MemberProfileUpdated", victim.id(), renamed);

            assertThat(deadLetters.awaitRecords(r -> forgedErasure.equals(r.id()), Duration.ofSeconds(30))).hasSize(1);
            assertThat(deadLetters.awaitRecords(r -> forgedRename.equals(r.id()), Duration.ofSeconds(30))).hasSize(1);
            await().atMost(PROJECTION).until(() -> rejected() >= rejectedBefore + 2);
        }

        Document projected = mongo.findById(victim.id(), Document.class, "members");
        assertThat(projected.get("deactivated")).isNotEqualTo(Boolean.TRUE);
        assertThat(projected.getString("displayName")).isEqualTo("被害 花子");
        JsonNode author = authorOf(reader, postId);
        assertThat(author.get("displayName").asString()).isEqualTo("被害 花子");
        assertThat(author.get("organization").asString()).isEqualTo("那覇市");
        assertThat(author.path("former").asBoolean()).isFalse();

        // the same change from members-service is applied: the consumer went on after the dead letters
        members.profileUpdated(victim, "被害 花子", "那覇市 総務課");
        await().atMost(PROJECTION).until(() -> "那覇市 総務課".equals(authorOf(reader, postId).path("organization")
                .asString()));
    }

    private double rejected() {
        Counter counter = meters.find(TrustedSources.REJECTED).tag("topic", "kyoso.members.v1")
                .tag("reason", TrustedSources.UNTRUSTED_SOURCE).counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode authorOf(TestMember reader, String postId) {
        return api(reader).get("/api/posts/" + postId).json().get("author");
    }
}
