package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import jp.kyoso.members.token.SigningKey;
import jp.kyoso.members.token.SigningKeys;
import jp.kyoso.platform.secrets.SecretSealer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The token signing keys at rest: what a reader of members-service's database finds in {@code signing_keys} signs
 * nothing, while the service signs and verifies as before; keys stored in clear by an earlier version are sealed at
 * start.
 */
class SigningKeysAtRestTest extends MembersServiceTest {
    /** The private members of an RSA JWK (RFC 7518, 6.3.2). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth");

    @Autowired
    SigningKeys signingKeys;
    @Autowired
    SecretSealer sealer;

    @Test
    void theDatabaseHoldsNoPrivateKeyMaterialInClearAndNothingInItSigns() throws Exception {
        ActiveMember member = newMember();
        List<Document> stored = activeKeyDocuments();
        assertThat(stored).isNotEmpty();
        for (Document document : stored) {
            assertNoPrivateKeyIn(document);
        }
        // the service still signs (a login) and verifies (an authenticated call) with those keys
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(200);
        assertThat(stored.stream().map(d -> d.getString("_id")))
                .contains(header(member.accessToken()).get("kid").asString());
        // and the JWKS still publishes the public halves
        assertThat(http.get("/.well-known/jwks.json", null).json().get("keys").valueStream()
                .map(key -> key.get("kid").asString()).toList())
                .containsAll(stored.stream().map(d -> d.getString("_id")).toList());
    }

    @Test
    void aKeyStoredInClearByAnEarlierVersionIsSealedAtStartAndKeepsSigning() throws Exception {
        int newest = activeKeyDocuments().get(0).getInteger("generation");
        RSAKey legacy = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        // what an earlier version wrote: the whole key pair in clear in "jwk", no "sealedJwk"
        mongo.getCollection(SigningKey.COLLECTION).insertOne(new Document("_id", legacy.getKeyID())
                .append("generation", newest + 1).append("createdAt", java.util.Date.from(Instant.now()))
                .append("jwk", legacy.toJSONString()));

        assertThat(signingKeys.sealAtRest()).as("the re-seal job of a start").isEqualTo(1);
        assertThat(signingKeys.sealAtRest()).as("nothing left to seal").isZero();
        Document sealed = mongo.getCollection(SigningKey.COLLECTION)
                .find(new Document("_id", legacy.getKeyID())).first();
        assertNoPrivateKeyIn(sealed);
        assertThat(sealed.getString("sealedJwk")).startsWith("kyoso-sealed:v1:" + sealer.currentKeyId() + ":");

        // the sealed key is the newest: it signs the next token, which the service accepts
        signingKeys.maintain();
        assertThat(signingKeys.current().getKeyID()).isEqualTo(legacy.getKeyID());
        assertThat(signingKeys.current().toRSAPrivateKey()).isEqualTo(legacy.toRSAPrivateKey());
        ActiveMember member = newMember();
        assertThat(header(member.accessToken()).get("kid").asString()).isEqualTo(legacy.getKeyID());
        assertThat(http.get("/api/members/me", member.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aSealedKeyPairCopiedToAnotherKeyDocumentDoesNotOpenThere() {
        Document newest = activeKeyDocuments().get(0);
        String kid = newest.getString("_id");
        assertThatThrownBy(() -> sealer.open("signing-key:someone-else", newest.getString("sealedJwk")))
                .isInstanceOf(SecretSealer.SealedSecretException.class);
        assertThat(sealer.open("signing-key:" + kid, newest.getString("sealedJwk"))).contains("\"d\"");
    }

    private List<Document> activeKeyDocuments() {
        Query active = new Query(Criteria.where("retiredAt").is(null)).with(Sort.by(Sort.Direction.DESC,
                "generation"));
        return mongo.find(active, Document.class, SigningKey.COLLECTION);
    }

    /** Neither as JSON members nor as a JWK that parses: nothing in the document is a private key. */
    private static void assertNoPrivateKeyIn(Document document) throws Exception {
        String json = document.toJson();
        for (String member : PRIVATE_MEMBERS) {
            assertThat(json).as("the stored document names no private JWK member %s", member)
                    .doesNotContain("\"" + member + "\":").doesNotContain("\\\"" + member + "\\\":");
        }
        RSAKey stored = RSAKey.parse(document.getString("jwk"));
        assertThat(stored.isPrivate()).isFalse();
        assertThat(stored.toRSAPrivateKey()).isNull();
        assertThatThrownBy(() -> new RSASSASigner(stored)).isInstanceOf(JOSEException.class);
        String sealedJwk = document.getString("sealedJwk");
        assertThat(sealedJwk).startsWith("kyoso-sealed:v1:");
        assertThatThrownBy(() -> JWK.parse(sealedJwk)).isInstanceOf(ParseException.class);
        assertThat(new String(Base64.getUrlDecoder().decode(sealedJwk.substring(sealedJwk.lastIndexOf(':') + 1)),
                StandardCharsets.ISO_8859_1)).doesNotContain("\"d\"").doesNotContain("RSA");
    }

    private static tools.jackson.databind.JsonNode header(String jwt) {
        return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
                StandardCharsets.UTF_8));
    }
}
