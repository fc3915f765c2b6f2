package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kyoso.members.deactivation.DeactivationService;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.token.AccessTokens;
import jp.kyoso.members.token.RefreshTokens;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Deactivation when the process dies half-way. This context's outbox relay never runs by itself (its poll interval is
 * an hour and nothing here wakes it up), so the test decides exactly when "the restarted process" relays: everything
 * before that is what a killed process would have left in the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kyoso.outbox.poll-interval=1h",
        "kyoso.secrets.allow-insecure-default-kek=true",
        "kyoso.kafka.default-partitions=2",
        // No consumer at all: this context must not take kyoso.posts.v1 partitions from the shared one. An empty
        // definition alone is not enough, the binder would still pick the one consumer bean it finds.
        "spring.cloud.function.definition=",
        "spring.cloud.stream.function.autodetect=false"})
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
@DirtiesContext
class DeactivationCrashTest {
    private static final String DEACTIVATED = "kyoso.members.MemberDeactivated.v1";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OutboxRelay relay;
    @Autowired
    DeactivationService deactivation;
    @Autowired
    RefreshTokens refreshTokens;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    ProcessedEvents processedEvents;
    @Autowired
    BindingService bindings;

    @Test
    void killedRightAfterTheErasureTheEventIsPublishedOnceAfterRestartAndTheClientsRetryFinishesTheJob() {
        String id = activeMember();
        String refreshToken = refreshTokens.issueNewFamily(id);
        String accessToken = accessTokens.issue(id, "crash_" + id.substring(0, 8), "比嘉", List.of("MEMBER"),
                Instant.now());
        Http http = new Http(port);
        assertThat(bindings.getConsumerBindingNames()).isEmpty();
        try (TopicProbe topic = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(), "kyoso.members.v1")) {
            // The process gets through the erasure update, then dies before the relay's pass. (DeactivationService
            // revokes the tokens before that update; this test leaves them, to show the client's retry does it.)
            assertThat(deactivation.erase(id)).isTrue();
            Document left = mongo.findById(id, Document.class, Member.COLLECTION);
            assertThat(left.getString("status")).isEqualTo("DEACTIVATED");
            assertThat(left.containsKey("email")).isFalse();
            // with the erasure, its event and the revocation of the member's access tokens (MemberTokensRevoked)
            List<Document> outbox = left.getList("outbox", Document.class);
            assertThat(outbox).hasSize(2);
            assertThat(outbox.get(0).getString("type")).isEqualTo(DEACTIVATED);
            assertThat(outbox.get(1).getString("type")).isEqualTo("kyoso.members.MemberTokensRevoked.v1");

            // Restart: the relay's first pass sends what the dead process left behind.
            assertThat(relay.publishPending()).isEqualTo(2);
            assertThat(mongo.findById(id, Document.class, Member.COLLECTION).getList("outbox", Document.class))
                    .isEmpty();

            // The client never got its answer and retries: the same 204, the unfinished steps done, no new event.
            assertThat(http.delete("/api/members/me", accessToken).status()).isEqualTo(204);
            assertThat(http.delete("/api/members/me", accessToken).status()).isEqualTo(204);
            assertThat(relay.publishPending()).isZero();
            assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", refreshToken)).status()).isEqualTo(401);
            assertThat(mongo.exists(Query.query(Criteria.where("memberId").is(id).and("revokedAt").exists(false)),
                    "refresh_tokens")).isFalse();
            assertThat(http.get("/api/members/me", accessToken).status()).isEqualTo(401);

            // Published once: one event was ever in the outbox, one relay pass sent it, the next found nothing.
            assertThat(topic.awaitRecords(r -> id.equals(r.key()) && DEACTIVATED.equals(r.type()),
                    Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @Test
    void killedAfterTheSendButBeforeTheEventLeftTheDocumentTheCopyIsAppliedOnceByConsumers() {
        String id = activeMember();
        try (TopicProbe topic = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(), "kyoso.members.v1")) {
            assertThat(deactivation.erase(id)).isTrue();
            Document pending = mongo.findById(id, Document.class, Member.COLLECTION)
                    .getList("outbox", Document.class).get(0);
            // MemberDeactivated and MemberTokensRevoked
            assertThat(relay.publishPending()).isEqualTo(2);
            // Kafka acknowledged the send, then the process died before removing the event: on restart the document
            // still holds it, and the relay sends it again.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().push("outbox", pending),
                    Member.COLLECTION);
            assertThat(relay.publishPending()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(20)).until(() -> topic.drain(Duration.ofMillis(200)).stream()
                    .filter(r -> id.equals(r.key()) && DEACTIVATED.equals(r.type())).count() >= 2);
            List<TopicProbe.Received> copies = topic.drain(Duration.ZERO).stream()
                    .filter(r -> id.equals(r.key()) && DEACTIVATED.equals(r.type())).toList();
            assertThat(copies).hasSize(2);
            assertThat(copies.get(0).id()).isEqualTo(copies.get(1).id()).isEqualTo(pending.getString("eventId"));

            // Both copies carry one CloudEvents id, so an idempotent consumer erases once.
            AtomicInteger erasures = new AtomicInteger();
            for (TopicProbe.Received copy : copies) {
                processedEvents.handleOnce("crash-test-consumer", InboundEvent.from(asMessage(copy)),
                        erasures::incrementAndGet);
            }
            assertThat(erasures).hasValue(1);
        }
    }

    private String activeMember() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        mongo.insert(new Member(id, id.substring(0, 8) + "@city.naha.lg.jp", "crash_" + id.substring(0, 8), "比嘉 次郎",
                "那覇市役所", "472018", "沖縄県", "総務課", "自己紹介", List.of("防災"), List.of("MEMBER"),
                MemberStatus.ACTIVE, "$2a$04$notARealHashButNeverUsedHere", null, now, now, now, null, null, null, null,
                List.of(), 0, List.of()));
        return id;
    }

    private static Message<String> asMessage(TopicProbe.Received record) {
        MessageBuilder<String> builder = MessageBuilder.withPayload(record.value());
        record.headers().forEach((name, value) -> builder.setHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return builder.build();
    }
}
