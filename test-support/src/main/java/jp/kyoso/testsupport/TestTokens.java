package jp.kyoso.testsupport;

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
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Access tokens as members-service issues them (RS256, {@code kid}, claims {@code iss, aud, sub, roles, handle,
 * name}), signed by a key that a local JWKS endpoint publishes, so that posts and notifications tests exercise the
 * real validation. Add it as an initializer next to {@link EmbeddedInfrastructure}. {@link Shape} and
 * {@link #notForKyoso()} make correctly signed tokens that are nevertheless not Kyoso's (another issuer, no or another
 * audience, another algorithm), which every resource server must refuse.
 */
public class TestTokens implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The {@code iss} members-service writes by default (kyoso.members.tokens.issuer / kyoso.security.issuer). */
    public static final String ISSUER = "kyoso-members";
    /** The {@code aud} members-service writes by default (kyoso.members.tokens.audience / kyoso.security.audience). */
    public static final String AUDIENCE = "kyoso";

    private static RSAKey key;
    private static String jwksUri;

    /**
     * What a token says beyond the member: its issuer, its audience (none: no {@code aud} claim at all) and the
     * algorithm of its signature (an RSA one, so that the test key can sign it).
     */
    public record Shape(String issuer, List<String> audience, JWSAlgorithm algorithm) {
        /** A token exactly as members-service issues it. */
        public static Shape kyoso() {
            return new Shape(ISSUER, List.of(AUDIENCE), JWSAlgorithm.RS256);
        }

        public Shape withIssuer(String issuer) {
            return new Shape(issuer, audience, algorithm);
        }

        /** No values: the token has no {@code aud} claim. */
        public Shape withAudience(String... audience) {
            return new Shape(issuer, List.of(audience), algorithm);
        }

        public Shape withAlgorithm(JWSAlgorithm algorithm) {
            return new Shape(issuer, audience, algorithm);
        }
    }

    /** Correctly signed tokens that are not Kyoso's, by what is wrong with them: each must get 401. */
    public static Map<String, Shape> notForKyoso() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("another issuer", Shape.kyoso().withIssuer("https://login.other-app.example"));
        shapes.put("no audience", Shape.kyoso().withAudience());
        shapes.put("another audience", Shape.kyoso().withAudience("other-app"));
        shapes.put("other audiences only", Shape.kyoso().withAudience("other-app", "kyoso-admin"));
        shapes.put("alg RS512", Shape.kyoso().withAlgorithm(JWSAlgorithm.RS512));
        shapes.put("alg PS256", Shape.kyoso().withAlgorithm(JWSAlgorithm.PS256));
        return shapes;
    }

    /**
     * The claims and signature of a valid token under a header that names another algorithm: {@code alg: none}
     * (signature dropped) and {@code HS256} (the RSA signature kept, as an attacker who knows the public key would
     * try). Each must get 401.
     */
    public static Map<String, String> forgedAlgorithms(String validToken) {
        String[] parts = validToken.split("\\.");
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        forged.put("alg HS256",
                base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
        return forged;
    }

    /**
     * Every correctly signed or forged token for this member that is not Kyoso's ({@link #forgedAlgorithms} and
     * {@link #notForKyoso}), by what is wrong with it: a resource server must answer each with 401.
     */
    public static Map<String, String> refusedTokens(String memberId, String handle, String displayName) {
        Map<String, String> refused = new LinkedHashMap<>(forgedAlgorithms(accessToken(memberId, handle, displayName)));
        notForKyoso().forEach((what, shape) -> refused.put(what, accessToken(shape, memberId, handle, displayName)));
        return refused;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
                String body = new JWKSet(key.toPublicJWK()).toString();
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
            } catch (IOException | com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException("cannot start the test JWKS endpoint", e);
            }
        }
        return jwksUri;
    }

    /** A valid 15-minute access token for the member. */
    public static String accessToken(String memberId, String handle, String displayName, String... roles) {
        return accessToken(Shape.kyoso(), memberId, handle, displayName, roles);
    }

    /** A 15-minute token of the given shape, signed with the key the test JWKS publishes. */
    public static String accessToken(Shape shape, String memberId, String handle, String displayName,
            String... roles) {
        jwksUri();
        return sign(key, shape, memberId, handle, displayName, roles);
    }

    /**
     * A 15-minute token of the given shape signed with the given key: members-service's tests sign with the service's
     * own current key, so that only the shape can make the token fail.
     */
    public static String sign(RSAKey signingKey, Shape shape, String memberId, String handle, String displayName,
            String... roles) {
        Instant now = Instant.now();
        return sign(signingKey, shape, now, now.plusSeconds(900), memberId, handle, displayName, roles);
    }

    /**
     * A Kyoso token issued and expiring when the test says: a live stream that must close at {@code exp}, a token
     * issued before or after a revocation.
     */
    public static String accessToken(String memberId, String handle, String displayName, Instant issuedAt,
            Instant expiresAt, String... roles) {
        jwksUri();
        return sign(key, Shape.kyoso(), issuedAt, expiresAt, memberId, handle, displayName, roles);
    }

    private static String sign(RSAKey signingKey, Shape shape, Instant issuedAt, Instant expiresAt, String memberId,
            String handle, String displayName, String... roles) {
        List<String> roleList = roles.length == 0 ? List.of("MEMBER") : List.of(roles);
        // iat_ms: the issue time to the millisecond, as members-service writes it (compared with a revocation's
        // notBefore)
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(memberId).issuer(shape.issuer())
                .claim("roles", roleList).claim("handle", handle).claim("name", displayName)
                .issueTime(Date.from(issuedAt)).claim("iat_ms", issuedAt.toEpochMilli())
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
        if (!shape.audience().isEmpty()) {
            claims.audience(shape.audience());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(shape.algorithm()).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testTokens", Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwksUri())));
    }
}
