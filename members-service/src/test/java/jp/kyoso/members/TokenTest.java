package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.kyoso.members.token.SigningKeys;
import jp.kyoso.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class TokenTest extends MembersServiceTest {
    @Autowired
    SigningKeys signingKeys;

    @Test
    void theJwksIsPublicAndListsTheSigningKeyWithoutItsPrivateParts() {
        ActiveMember member = newMember();
        Http.Response jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.contentType()).startsWith("application/json");
        JsonNode keys = jwks.json().get("keys");
        String kid = header(member.accessToken()).get("kid").asString();
        assertThat(keys.valueStream().map(k -> k.get("kid").asString()).toList()).contains(kid);
        for (JsonNode key : keys) {
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            assertThat(key.has("d")).isFalse();
            assertThat(key.has("p")).isFalse();
        }
        assertThat(header(member.accessToken()).get("alg").asString()).isEqualTo("RS256");
    }

    @Test
    void forgedUnsignedExpiredAndForeignTokensAreAllRefused() {
        ActiveMember member = newMember();
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(200);

        String[] parts = member.accessToken().split("\\.");
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String promoted = claimsOf(member.accessToken()).toString().replace("[\"MEMBER\"]", "[\"MEMBER\",\"ADMIN\"]");
        String tampered = parts[0] + "." + encode(promoted) + "." + parts[2];
        String expired = accessTokens.issue(member.id(), member.handle(), "期限切れ", List.of("MEMBER"),
                Instant.now().minus(Duration.ofMinutes(20)));
        String otherKey = TestTokens.accessToken(member.id(), member.handle(), "よその鍵", "MEMBER", "ADMIN");
        String hmac = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];

        for (Map.Entry<String, String> token : Map.of("alg none", unsigned, "tampered payload", tampered,
                "expired", expired, "signed with another key", otherKey, "alg switched to HS256", hmac,
                "garbage", "not.a.jwt").entrySet()) {
            Http.Response refused = http.get("/api/members/me", token.getValue());
            assertThat(refused.status()).as(token.getKey()).isEqualTo(401);
            assertThat(refused.contentType()).as(token.getKey()).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/members/me", null).status()).isEqualTo(401);
    }

    @Test
    void anAccessTokenIsBoundToKyosoByItsIssuerAndAudience() {
        ActiveMember member = newMember();
        JsonNode claims = claimsOf(member.accessToken());
        assertThat(claims.get("iss").asString()).isEqualTo(TestTokens.ISSUER);
        assertThat(audienceOf(claims)).containsExactly(TestTokens.AUDIENCE);
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(200);
        // the same shape signed with this service's own key is accepted: only what differs below makes a token fail
        String own = TestTokens.sign(signingKeys.current(), TestTokens.Shape.kyoso(), member.id(), member.handle(),
                "本人");
        assertThat(http.get("/api/members/me", own).status()).isEqualTo(200);

        // signed with the very key that signs Kyoso's tokens, but from another issuer, or not meant for Kyoso
        for (Map.Entry<String, TestTokens.Shape> shape : TestTokens.notForKyoso().entrySet()) {
            String token = TestTokens.sign(signingKeys.current(), shape.getValue(), member.id(), member.handle(),
                    "よその発行者");
            Http.Response refused = http.get("/api/members/me", token);
            assertThat(refused.status()).as(shape.getKey()).isEqualTo(401);
            assertThat(refused.contentType()).as(shape.getKey()).startsWith("application/problem+json");
        }
    }

    @Test
    void aRefreshTokenIsRotatedOnUseAndReusingAnOldOneRevokesTheWholeFamily() {
        ActiveMember member = newMember();
        Http.Response first = http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken()));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        String rotated = first.text("refreshToken");
        assertThat(rotated).isNotEqualTo(member.refreshToken());
        assertThat(claimsOf(first.text("accessToken")).get("sub").asString()).isEqualTo(member.id());
        assertThat(http.get("/api/members/me", first.text("accessToken")).status()).isEqualTo(200);

        Http.Response second = http.post("/api/auth/refresh", Map.of("refreshToken", rotated));
        assertThat(second.status()).isEqualTo(200);
        String newest = second.text("refreshToken");

        // The first token comes back: someone kept a copy. It fails, and so does everything descended from it.
        Http.Response reused = http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken()));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", newest)).status()).isEqualTo(401);

        // Another login is another family, untouched.
        ActiveMember again = login(member.email());
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", again.refreshToken())).status())
                .isEqualTo(200);
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", "made-up")).status()).isEqualTo(401);
    }

    @Test
    void aRefreshRequestCarryingAnExpiredAccessTokenStillWorks() {
        ActiveMember member = newMember();
        String expired = accessTokens.issue(member.id(), member.handle(), "x", List.of("MEMBER"),
                Instant.now().minus(Duration.ofHours(1)));
        Http.Response refreshed = http.send(HttpMethod.POST, "/api/auth/refresh",
                Map.of("refreshToken", member.refreshToken()), expired, Map.of());
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
    }

    @Test
    void logoutRevokesTheRefreshTokenAndIsIdempotent() {
        ActiveMember member = newMember();
        assertThat(http.post("/api/auth/logout", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(204);
        assertThat(http.post("/api/auth/refresh", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/logout", Map.of("refreshToken", member.refreshToken())).status())
                .isEqualTo(204);
        assertThat(http.post("/api/auth/logout", Map.of("refreshToken", "unknown")).status()).isEqualTo(204);
    }

    @Test
    void afterAKeyRotationBothKeysArePublishedAndTokensOfBothAreAccepted() {
        ActiveMember before = newMember();
        String oldKid = header(before.accessToken()).get("kid").asString();
        signingKeys.rotate();
        ActiveMember after = login(before.email());
        String newKid = header(after.accessToken()).get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        List<String> published = http.get("/.well-known/jwks.json", null).json().get("keys").valueStream()
                .map(k -> k.get("kid").asString()).toList();
        assertThat(published).contains(oldKid, newKid);
        assertThat(http.get("/api/members/me", before.accessToken()).status()).isEqualTo(200);
        assertThat(http.get("/api/members/me", after.accessToken()).status()).isEqualTo(200);
    }

    /** {@code aud} may be written as one string or as an array of strings. */
    private static List<String> audienceOf(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        assertThat(aud).as("aud").isNotNull();
        return aud.isArray() ? aud.valueStream().map(JsonNode::asString).toList() : List.of(aud.asString());
    }

    private static JsonNode header(String jwt) {
        return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                StandardCharsets.UTF_8));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
