package jp.kyoso.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * members-service's JWKS as the gateway sees it: a real HTTP endpoint whose published keys can change, so that key
 * rotation can be tested. Tokens are made as members-service makes them (RS256, kid, iss/aud/sub/roles/handle/name).
 */
final class RotatingJwks {
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    RotatingJwks() {
        try {
            published.add(newKey());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                byte[] body = new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList())
                        .toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** Publishes a further key, as members-service does when it rotates, and returns it. */
    RSAKey rotate() {
        RSAKey key = newKey();
        published.add(key);
        return key;
    }

    String token(String memberId, String... roles) {
        return token(published.get(0), memberId, roles);
    }

    static String token(RSAKey key, String memberId, String... roles) {
        return token(key, "kyoso-members", List.of("kyoso"), JWSAlgorithm.RS256, memberId, roles);
    }

    /**
     * A token signed with the first published key but with another issuer, audience (empty: no {@code aud} claim) or
     * RSA algorithm: correctly signed, and still not Kyoso's.
     */
    String token(String issuer, List<String> audience, JWSAlgorithm algorithm, String memberId) {
        return token(published.get(0), issuer, audience, algorithm, memberId);
    }

    private static String token(RSAKey key, String issuer, List<String> audience, JWSAlgorithm algorithm,
            String memberId, String... roles) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(memberId).issuer(issuer)
                .claim("roles", roles.length == 0 ? List.of("MEMBER") : List.of(roles))
                .claim("handle", "gima").claim("name", "儀間 聡子")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(900)));
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
