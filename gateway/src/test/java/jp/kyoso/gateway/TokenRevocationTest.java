package jp.kyoso.gateway;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A token members-service revokes ({@code MemberTokensRevoked} on kyoso.members.v1) stops passing the gateway within
 * seconds; a token issued after the revocation passes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenRevocationTest {
    static final String TOPIC = "kyoso.members.v1";
    static final EmbeddedKafkaKraftBroker kafka = broker();
    static final StubService posts = start("posts");
    static final Tokens jwks = new Tokens();

    @Autowired
    WebTestClient client;

    static EmbeddedKafkaKraftBroker broker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
        broker.afterPropertiesSet();
        return broker;
    }

    static StubService start(String name) {
        try {
            return new StubService(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("kyoso.gateway.posts-uris", posts::uri);
        registry.add("kyoso.revocations.bootstrap-servers", kafka::getBrokersAsString);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwks::uri);
    }

    @AfterAll
    static void stop() {
        posts.stop();
        kafka.destroy();
    }

    @Test
    void aRevokedTokenIsRefusedWithinSecondsAndANewOnePasses() {
        String memberId = "m-" + UUID.randomUUID();
        String old = "Bearer " + jwks.token(memberId);
        String bystander = "Bearer " + jwks.token("m-" + UUID.randomUUID());
        client.get().uri("/api/posts").header("Authorization", old).exchange().expectStatus().isOk();

        Instant notBefore = Instant.now();
        // a revocation that did not come from members-service is ignored: it would let anyone log members out
        String bystanderId = "m-" + UUID.randomUUID();
        String forgedTarget = "Bearer " + jwks.token(bystanderId);
        // (keyed like the genuine one that follows: same partition, so it has been read when that one takes effect)
        revoke(memberId, bystanderId, notBefore, "DEACTIVATED", "/somebody-else");
        revoke(memberId, notBefore, "DEACTIVATED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> client.get().uri("/api/posts")
                .header("Authorization", old).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat(detail.toString()).contains("This token has been revoked")));
        client.get().uri("/api/posts").header("Authorization", bystander).exchange().expectStatus().isOk();
        client.get().uri("/api/posts").header("Authorization", forgedTarget).exchange().expectStatus().isOk();

        // a token issued one millisecond after the revocation (the same second: iat alone could not tell) passes
        String fresh = "Bearer " + jwks.token(memberId, notBefore.plusMillis(1));
        client.get().uri("/api/posts").header("Authorization", fresh).exchange().expectStatus().isOk();
        String sameSecondButOlder = "Bearer " + jwks.token(memberId, notBefore.minusMillis(1));
        client.get().uri("/api/posts").header("Authorization", sameSecondButOlder).exchange()
                .expectStatus().isUnauthorized();
    }

    /** Tokens as members-service issues them (iss, aud, iat and iat_ms), from a JWKS endpoint of this test's own. */
    static final class Tokens {
        private final RSAKey key;
        private final HttpServer server;

        Tokens() {
            try {
                key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
            } catch (IOException | JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        }

        String token(String memberId) {
            return token(memberId, Instant.now());
        }

        String token(String memberId, Instant issuedAt) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(memberId).issuer("kyoso-members")
                    .audience("kyoso").claim("roles", List.of("MEMBER")).claim("handle", "gima")
                    .claim("name", "儀間 聡子").issueTime(Date.from(issuedAt))
                    .claim("iat_ms", issuedAt.toEpochMilli())
                    .expirationTime(Date.from(issuedAt.plusSeconds(900))).build();
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void revoke(String memberId, Instant notBefore, String reason) {
        revoke(memberId, memberId, notBefore, reason, "/kyoso/members-service");
    }

    static void revoke(String key, String memberId, Instant notBefore, String reason, String source) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key,
                    "{\"memberId\":\"" + memberId + "\",\"notBefore\":\"" + notBefore + "\",\"reason\":\"" + reason
                            + "\"}");
            record.headers().add("ce_type", "kyoso.members.MemberTokensRevoked.v1".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", source.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
