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
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Access tokens as members-service issues them (RS256, {@code kid}, claims {@code sub, roles, handle, name}), signed
 * by a key that a local JWKS endpoint publishes, so that posts and notifications tests exercise the real validation.
 * Add it as an initializer next to {@link EmbeddedInfrastructure}.
 */
public class TestTokens implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static RSAKey key;
    private static String jwksUri;

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
        jwksUri();
        List<String> roleList = roles.length == 0 ? List.of("MEMBER") : List.of(roles);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(memberId).issuer("kyoso-members")
                .claim("roles", roleList).claim("handle", handle).claim("name", displayName)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString()).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
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
