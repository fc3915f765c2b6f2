package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.members.token.AccessTokens;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
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
}
