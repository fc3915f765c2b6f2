package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

class RegistrationAndVerificationTest extends MembersServiceTest {

    @Test
    void aPublicServantRegistersGetsTheMailCommandVerifiesAndLogsIn() {
        String handle = unique("gima_");
        String email = handle + "@town.kumejima.lg.jp";
        Map<String, Object> body = registration(email, handle);
        body.put("displayName", "儀間 太郎");
        body.put("organization", "久米島町役場");
        body.put("organizationCode", "473626");
        Http.Response registered = http.post("/api/auth/register", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        String memberId = registered.text("memberId");
        assertThat(registered.text("status")).isEqualTo("PENDING_VERIFICATION");

        // The verification mail is a command on Kafka with CloudEvents headers, keyed by the member id.
        TopicProbe.Received mail = commands().awaitRecords(r -> memberId.equals(r.key())
                && "kyoso.notifications.SendVerificationMail.v1".equals(r.type()), Duration.ofSeconds(20)).get(0);
        assertThat(mail.headers()).containsEntry("ce_source", "/kyoso/members-service")
                .containsEntry("ce_specversion", "1.0").containsEntry("ce_subject", memberId)
                .containsEntry("content-type", "application/json").containsKeys("ce_id", "ce_time");
        assertThat(Instant.parse(mail.headers().get("ce_time"))).isBeforeOrEqualTo(Instant.now());
        JsonNode command = Http.JSON.readTree(mail.value());
        assertThat(command.get("memberId").asString()).isEqualTo(memberId);
        assertThat(command.get("email").asString()).isEqualTo(email);
        assertThat(command.get("displayName").asString()).isEqualTo("儀間 太郎");
        String token = command.get("token").asString();
        Instant expiresAt = Instant.parse(command.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        // Only the token's digest is stored; once the command has left, the raw token is nowhere in the database.
        await().atMost(Duration.ofSeconds(30)).until(() -> storedMember(memberId).getList("outbox", Object.class).isEmpty());
        Document stored = storedMember(memberId);
        assertThat(stored.get("verification", Document.class).getString("tokenHash")).isEqualTo(Secrets.sha256(token));
        assertThat(stored.toJson()).doesNotContain(token).doesNotContain(PASSWORD);

        Http.Response tooEarly = http.post("/api/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(tooEarly.status()).isEqualTo(401);
        assertThat(tooEarly.text("detail")).contains("確認").contains("verify");

        Http.Response verified = http.post("/api/auth/verify", Map.of("token", token));
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        assertThat(verified.text("memberId")).isEqualTo(memberId);
        assertThat(verified.text("status")).isEqualTo("ACTIVE");
        Http.Response again = http.post("/api/auth/verify", Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.contentType()).startsWith("application/problem+json");

        Http.Response login = http.post("/api/auth/login", Map.of("email", email.toUpperCase(), "password", PASSWORD));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        assertThat(login.text("tokenType")).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(login.text("refreshToken")).isNotBlank();
        JsonNode claims = claimsOf(login.text("accessToken"));
        assertThat(claims.get("sub").asString()).isEqualTo(memberId);
        assertThat(claims.get("handle").asString()).isEqualTo(handle);
        assertThat(claims.get("name").asString()).isEqualTo("儀間 太郎");
        assertThat(claims.get("iss").asString()).isEqualTo("kyoso-members");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"MEMBER\"]");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);

        Http.Response me = http.get("/api/members/me", login.text("accessToken"));
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("prefecture")).isEqualTo("沖縄県");
        assertThat(me.text("organizationCode")).isEqualTo("473626");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"MEMBER\"]");

        List<TopicProbe.Received> events = memberEvents().awaitRecords(r -> memberId.equals(r.key())
                && "kyoso.members.MemberActivated.v1".equals(r.type()), Duration.ofSeconds(20));
        JsonNode activated = Http.JSON.readTree(events.get(0).value());
        assertThat(activated.get("email").asString()).isEqualTo(email);
        assertThat(activated.get("handle").asString()).isEqualTo(handle);
        assertThat(activated.get("roles").toString()).isEqualTo("[\"MEMBER\"]");
        JsonNode registeredEvent = Http.JSON.readTree(memberEvents().awaitRecords(r -> memberId.equals(r.key())
                && "kyoso.members.MemberRegistered.v1".equals(r.type()), Duration.ofSeconds(5)).get(0).value());
        assertThat(registeredEvent.get("organizationCode").asString()).isEqualTo("473626");
        assertThat(registeredEvent.get("registeredAt").asString()).endsWith("Z");
    }

    @Test
    void anAddressOffTheAllowlistIsRefusedWithAMessageAPersonUnderstandsAndNothingIsStored() {
        for (String email : List.of("someone@evil-lg.jp", "someone@lg.jp.evil.com", "someone@notgo.jp",
                "someone@gmail.com")) {
            Http.Response refused = http.post("/api/auth/register", registration(email, unique("x_")));
            assertThat(refused.status()).as(email).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("detail")).contains("lg.jp").contains("招待コード").contains("invitation code");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
            assertThat(mongo.exists(Query.query(Criteria.where("email").is(email)), Member.class)).isFalse();
        }
        // subdomains on a dot boundary, any case, are in
        assertThat(http.post("/api/auth/register", registration("Staff@City.Naha.LG.JP", unique("n_"))).status())
                .isEqualTo(202);
        assertThat(http.post("/api/auth/register", registration("staff@soumu.go.jp", unique("g_"))).status())
                .isEqualTo(202);
    }

    @Test
    void anAlreadyRegisteredAddressGetsTheSame202AndItsOwnerIsToldByMail() {
        String email = unique("dup") + "@city.naha.lg.jp";
        String ownerId = register(email, unique("o_"));

        Http.Response second = http.post("/api/auth/register", registration(email, unique("p_")));
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.text("status")).isEqualTo("PENDING_VERIFICATION");
        assertThat(second.text("memberId")).isNotEqualTo(ownerId);
        assertThat(mongo.findById(second.text("memberId"), Member.class)).isNull();

        TopicProbe.Received told = commands().awaitRecords(r -> ownerId.equals(r.key())
                && "kyoso.notifications.SendAlreadyRegisteredMail.v1".equals(r.type()), Duration.ofSeconds(20)).get(0);
        JsonNode data = Http.JSON.readTree(told.value());
        assertThat(data.get("email").asString()).isEqualTo(email);
        assertThat(data.get("memberId").asString()).isEqualTo(ownerId);
        assertThat(mongo.count(Query.query(Criteria.where("email").is(email)), Member.class)).isEqualTo(1);
    }

    @Test
    void aTakenHandleIs409() {
        String handle = unique("h_");
        register(unique("a") + "@city.naha.lg.jp", handle);
        Http.Response taken = http.post("/api/auth/register", registration(unique("b") + "@city.naha.lg.jp", handle));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("detail")).contains("ハンドル").contains("handle");
    }

    @Test
    void invalidInputIsA4xxProblemAndChangesNothing() {
        long before = mongo.count(new Query(), Member.class);
        Map<String, Object> badHandle = registration(unique("c") + "@city.naha.lg.jp", "AB");
        Http.Response handle = http.post("/api/auth/register", badHandle);
        assertThat(handle.status()).isEqualTo(400);
        assertThat(handle.json().get("errors").get(0).get("field").asString()).isEqualTo("handle");
        // Bean Validation's {key} messages come from i18n/members.properties (Boot's MessageSource), word for word
        assertThat(handle.json().get("errors").get(0).get("message").asString())
                .isEqualTo("ハンドルは半角英小文字・数字・アンダースコアで3〜30文字にしてください / "
                        + "The handle must be 3 to 30 characters of a-z, 0-9 and _");

        // A password is too long in characters or in bytes (BCrypt reads 72): the same 400 for the same field.
        for (String password : List.of("short", "x".repeat(65), "あ".repeat(25))) {
            Map<String, Object> badPassword = registration(unique("c") + "@city.naha.lg.jp", unique("s_"));
            badPassword.put("password", password);
            Http.Response refused = http.post("/api/auth/register", badPassword);
            assertThat(refused.status()).as(password).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
            if (password.startsWith("あ")) {
                assertThat(refused.json().get("errors").get(0).get("message").asString())
                        .isEqualTo("パスワードが長すぎます（UTF-8 で72バイトまで。全角文字は1文字3バイト） / "
                                + "The password is too long: at most 72 bytes in UTF-8");
            }
        }
        Map<String, Object> blankName = registration(unique("c") + "@city.naha.lg.jp", unique("s_"));
        blankName.put("displayName", "\u3000");
        assertThat(http.post("/api/auth/register", blankName).status()).isEqualTo(400);
        Map<String, Object> shortCode = registration(unique("c") + "@city.naha.lg.jp", unique("s_"));
        shortCode.put("organizationCode", "47201");
        assertThat(http.post("/api/auth/register", shortCode).status()).isEqualTo(400);

        Map<String, Object> badCode = registration(unique("c") + "@city.naha.lg.jp", unique("s_"));
        badCode.put("organizationCode", "472019");
        Http.Response code = http.post("/api/auth/register", badCode);
        assertThat(code.status()).isEqualTo(422);
        assertThat(code.json().get("errors").get(0).get("field").asString()).isEqualTo("organizationCode");

        Map<String, Object> badEmail = registration("not-an-address", unique("s_"));
        assertThat(http.post("/api/auth/register", badEmail).status()).isEqualTo(400);
        assertThat(http.post("/api/auth/register", "{not json").status()).isEqualTo(400);
        assertThat(http.post("/api/auth/verify", Map.of("token", "made-up")).status()).isEqualTo(400);
        assertThat(http.post("/api/auth/verify", Map.of()).status()).isEqualTo(400);
        assertThat(mongo.count(new Query(), Member.class)).isEqualTo(before);
    }

    @Test
    void resendAlwaysAnswers202AndOnlyTheNewestLinkWorks() {
        assertThat(http.post("/api/auth/verify/resend", Map.of("email", "nobody@city.naha.lg.jp")).status())
                .isEqualTo(202);
        assertThat(http.post("/api/auth/verify/resend", Map.of("email", "not even an address")).status())
                .isEqualTo(202);
        assertThat(http.post("/api/auth/verify/resend", Map.of()).status()).isEqualTo(202);

        String email = unique("r") + "@city.naha.lg.jp";
        String memberId = register(email, unique("r_"));
        String first = verificationTokenFor(memberId);
        // A resend right after the first mail is swallowed (flood protection): pretend the first was sent long ago.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)),
                new Update().set("verification.sentAt", Instant.now().minus(Duration.ofMinutes(5))), Member.class);
        assertThat(http.post("/api/auth/verify/resend", Map.of("email", email.toUpperCase())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> !verificationTokenFor(memberId).equals(first));
        String second = verificationTokenFor(memberId);

        assertThat(http.post("/api/auth/verify", Map.of("token", first)).status()).isEqualTo(400);
        assertThat(http.post("/api/auth/verify", Map.of("token", second)).status()).isEqualTo(200);

        // An active member's address gets no new link. Resends are worked off one after the other after the 202, so
        // once a later resend for a pending member has produced its link, the earlier one has been dealt with.
        assertThat(http.post("/api/auth/verify/resend", Map.of("email", email)).status()).isEqualTo(202);
        String sentinelEmail = unique("s") + "@city.naha.lg.jp";
        String sentinel = register(sentinelEmail, unique("s_"));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sentinel)),
                new Update().set("verification.sentAt", Instant.now().minus(Duration.ofMinutes(5))), Member.class);
        String sentinelFirst = storedMember(sentinel).get("verification", Document.class).getString("tokenHash");
        assertThat(http.post("/api/auth/verify/resend", Map.of("email", sentinelEmail)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentinelFirst.equals(
                storedMember(sentinel).get("verification", Document.class).getString("tokenHash")));
        // A new link is always written with its mail command, in one update that also sets "verification".
        Document active = storedMember(memberId);
        assertThat(active.containsKey("verification")).isFalse();
        assertThat(active.getList("outbox", Document.class)).noneMatch(event -> event.getString("type")
                .equals("kyoso.notifications.SendVerificationMail.v1"));
    }

    @Test
    void anExpiredVerificationLinkIsRefused() {
        String email = unique("e") + "@city.naha.lg.jp";
        String memberId = register(email, unique("e_"));
        String token = verificationTokenFor(memberId);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)),
                new Update().set("verification.expiresAt", Instant.now().minusSeconds(1)), Member.class);
        Http.Response expired = http.post("/api/auth/verify", Map.of("token", token));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.text("detail")).contains("期限切れ").contains("expired");
    }

    @Test
    void addressesOnTheAdminListBecomeAdminWhenVerified() {
        assertThat(claimsOf(admin().accessToken()).get("roles").toString()).isEqualTo("[\"MEMBER\",\"ADMIN\"]");
        // The address must be on the admin list, so it cannot be unique: free it from an earlier run in this JVM.
        mongo.remove(Query.query(Criteria.where("email").is("chief@pref.okinawa.lg.jp")), Member.class);
        ActiveMember chief = registerAndActivate("chief@pref.okinawa.lg.jp", unique("chief_"));
        assertThat(claimsOf(chief.accessToken()).get("roles").toString()).contains("ADMIN");
        assertThat(claimsOf(newMember().accessToken()).get("roles").toString()).isEqualTo("[\"MEMBER\"]");
    }

    @Test
    void theTopicsAreDeclaredWithTheirRetention() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Set.of("kyoso.members.v1",
                    "kyoso.notifications.commands.v1", "kyoso.posts.v1", "kyoso.posts.v1.members-service.dlt"));
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, "kyoso.members.v1"),
                    new ConfigResource(ConfigResource.Type.TOPIC, "kyoso.notifications.commands.v1")))
                    .all().get(10, TimeUnit.SECONDS);
            assertThat(configs.values().stream().map(c -> c.get("retention.ms").value()).toList())
                    .containsExactlyInAnyOrder(String.valueOf(Duration.ofDays(7).toMillis()),
                            String.valueOf(Duration.ofDays(1).toMillis()));
        }
    }

    private Document storedMember(String id) {
        return mongo.findById(id, Document.class, Member.COLLECTION);
    }
}
