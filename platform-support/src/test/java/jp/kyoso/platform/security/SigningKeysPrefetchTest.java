package jp.kyoso.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
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
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The signing keys fetched as a service starts are the ones the first token is checked with: a local HTTP server
 * plays members-service's JWKS endpoint and counts how often it is asked.
 */
class SigningKeysPrefetchTest {
    private final AtomicInteger served = new AtomicInteger();
    private RSAKey key;
    private HttpServer jwks;

    @BeforeEach
    void membersServiceKeys() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = serveKeys(0);
    }

    private HttpServer serveKeys(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            served.incrementAndGet();
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    @Test
    void theKeysFetchedAtStartCheckTheFirstTokenWithoutAskingAgain() throws JOSEException {
        SigningKeysPrefetch prefetch = new SigningKeysPrefetch();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri())
                .jwtProcessorCustomizer(prefetch::keysOf).build();

        assertThat(prefetch.fetchNow()).isEqualTo(1);
        assertThat(served).hasValue(1);

        assertThat(decoder.decode(token("m-first")).getSubject()).isEqualTo("m-first");
        assertThat(served).as("the first token's check used the keys fetched at start").hasValue(1);
    }

    @Test
    void aMembersServiceNotUpYetLeavesTheFetchToTheFirstRequest() throws JOSEException, IOException {
        SigningKeysPrefetch prefetch = new SigningKeysPrefetch();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri())
                .jwtProcessorCustomizer(prefetch::keysOf).build();
        int port = jwks.getAddress().getPort();
        jwks.stop(0);

        assertThat(prefetch.fetchNow()).isZero();

        jwks = serveKeys(port);
        assertThat(decoder.decode(token("m-later")).getSubject()).isEqualTo("m-later");
        assertThat(served).hasValue(1);
    }

    @Test
    void withoutAKeySourceToFillItDoesNothing() {
        assertThat(new SigningKeysPrefetch().fetchNow()).isZero();
        assertThat(served).hasValue(0);
    }

    private String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private String token(String subject) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
