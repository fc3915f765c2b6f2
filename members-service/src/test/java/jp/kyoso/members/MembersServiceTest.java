package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.token.AccessTokens;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The one application context the members tests share (Spring caches it): the real service on a random port, a real
 * Kafka broker and the MongoDB-wire server. Helpers go through the public API, reading verification tokens from the
 * command the service publishes, exactly as notifications-service would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kyoso.members.registration.password-hash-strength=4",
        // cheap Argon2id hashes: the tests register hundreds of members
        "kyoso.members.passwords.argon2-memory-kib=1024",
        "kyoso.members.passwords.argon2-iterations=1",
        // the publicly known development KEK seals the signing keys (README, "Secrets at rest")
        "kyoso.secrets.allow-insecure-default-kek=true",
        "kyoso.members.registration.admin-emails=admin@example.lg.jp, Chief@Pref.Okinawa.LG.JP",
        "kyoso.outbox.poll-interval=200ms",
        "kyoso.kafka.default-partitions=2",
        "spring.cloud.stream.bindings.postActivity-in-0.consumer.back-off-initial-interval=50",
        "spring.cloud.stream.bindings.postActivity-in-0.consumer.back-off-max-interval=100"})
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
public abstract class MembersServiceTest {
    public static final String PASSWORD = "correct-horse-battery";
    private static TopicProbe commands;
    private static TopicProbe memberEvents;
    private static ActiveMember admin;

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected OutboxRelay relay;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected AccessTokens accessTokens;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    public record ActiveMember(String id, String email, String handle, String accessToken, String refreshToken) {
    }

    protected static synchronized TopicProbe commands() {
        if (commands == null) {
            commands = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(), "kyoso.notifications.commands.v1");
        }
        return commands;
    }

    protected static synchronized TopicProbe memberEvents() {
        if (memberEvents == null) {
            memberEvents = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(), "kyoso.members.v1");
        }
        return memberEvents;
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    protected static Map<String, Object> registration(String email, String handle) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("displayName", "テスト " + handle);
        body.put("handle", handle);
        body.put("organization", "那覇市役所");
        return body;
    }

    /** Registers and returns the new member's id. */
    protected String register(String email, String handle) {
        Http.Response response = http.post("/api/auth/register", registration(email, handle));
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.text("memberId");
    }

    /** The token of the newest verification mail command for the member. */
    protected String verificationTokenFor(String memberId) {
        List<TopicProbe.Received> mails = commands().awaitRecords(r -> memberId.equals(r.key())
                && "kyoso.notifications.SendVerificationMail.v1".equals(r.type()), Duration.ofSeconds(20));
        return Http.JSON.readTree(mails.get(mails.size() - 1).value()).get("token").asString();
    }

    protected ActiveMember login(String email) {
        Http.Response response = http.post("/api/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return new ActiveMember(null, email, null, response.text("accessToken"), response.text("refreshToken"));
    }

    protected ActiveMember registerAndActivate(String email, String handle) {
        String id = register(email, handle);
        Http.Response verified = http.post("/api/auth/verify", Map.of("token", verificationTokenFor(id)));
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        ActiveMember tokens = login(email);
        return new ActiveMember(id, email, handle, tokens.accessToken(), tokens.refreshToken());
    }

    protected ActiveMember newMember() {
        String handle = unique("m_");
        return registerAndActivate(handle + "@city.naha.lg.jp", handle);
    }

    /** The bootstrap admin (its address is in KYOSO_ADMIN_EMAILS), created once for all test classes. */
    protected synchronized ActiveMember admin() {
        if (admin == null) {
            admin = registerAndActivate("admin@example.lg.jp", "admin");
        }
        ActiveMember fresh = login(admin.email());
        return new ActiveMember(admin.id(), admin.email(), admin.handle(), fresh.accessToken(), fresh.refreshToken());
    }

    protected static JsonNode claimsOf(String jwt) {
        String payload = jwt.split("\\.")[1];
        return Http.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(payload),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A new member made MODERATOR by the admin, with a token that carries the role. */
    protected ActiveMember newModerator() {
        ActiveMember member = newMember();
        Http.Response granted = http.put("/api/members/" + member.id() + "/roles",
                Map.of("roles", List.of("MODERATOR")), admin().accessToken());
        assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
        ActiveMember fresh = login(member.email());
        return new ActiveMember(member.id(), member.email(), member.handle(), fresh.accessToken(),
                fresh.refreshToken());
    }

    /**
     * Moves a member's registration to another time, so that a test can look at a period of its own: the members of
     * the other test classes share the database.
     */
    protected void registeredAt(String memberId, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), new Update().set("registeredAt", at),
                Member.class);
    }

    /** Publishes an event onto kyoso.posts.v1 as posts-service's outbox relay does: key and CloudEvents headers. */
    protected void publishPostEvent(String type, String key, String json, String eventId) throws Exception {
        publishPostEvent(type, key, json, eventId, Instant.now());
    }

    protected void publishPostEvent(String type, String key, String json, String eventId, Instant time)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("kyoso.posts.v1", key, json);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/kyoso/posts-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", key.getBytes(StandardCharsets.UTF_8))
                .add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    protected String postPublished(String authorId, String kind, Instant createdAt) throws Exception {
        String postId = UUID.randomUUID().toString();
        publishPostEvent("kyoso.posts.PostPublished.v1", postId, "{\"postId\":\"" + postId
                + "\",\"channelSlug\":\"general\",\"kind\":\"" + kind + "\",\"title\":\"t\",\"excerpt\":\"e\","
                + "\"tags\":[],\"authorId\":\"" + authorId + "\",\"mentionedMemberIds\":[],\"createdAt\":\""
                + createdAt + "\"}", UUID.randomUUID().toString());
        return postId;
    }

    /** Returns the event id, so that a test can deliver the same event again. */
    protected String replyAdded(String postId, String postAuthorId, String authorId, Instant createdAt,
                                String eventId) throws Exception {
        publishPostEvent("kyoso.posts.ReplyAdded.v1", postId, "{\"postId\":\"" + postId + "\",\"replyId\":\""
                + UUID.randomUUID() + "\",\"channelSlug\":\"general\",\"postTitle\":\"t\",\"postAuthorId\":\""
                + postAuthorId + "\",\"authorId\":\"" + authorId + "\",\"excerpt\":\"e\",\"mentionedMemberIds\":[],"
                + "\"createdAt\":\"" + createdAt + "\"}", eventId);
        return eventId;
    }

    protected void attendanceMarked(String sessionId, String memberId, boolean attended) throws Exception {
        publishPostEvent("kyoso.posts.SessionAttendanceMarked.v1", sessionId, "{\"postId\":\"" + sessionId
                + "\",\"memberId\":\"" + memberId + "\",\"attended\":" + attended + ",\"by\":\"someone\","
                + "\"at\":\"" + Instant.now() + "\"}", UUID.randomUUID().toString());
    }
}
