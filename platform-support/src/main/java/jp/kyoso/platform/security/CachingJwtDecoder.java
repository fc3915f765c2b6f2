package jp.kyoso.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import jp.kyoso.platform.text.Messages;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies a given access token once and reuses the result until the token expires. A client sends the same token
 * with every request for its whole lifetime, and checking its RSA signature again each time was the largest single
 * cost of a request (27 % of the gateway's CPU samples). The delegate keeps doing every check (signature, algorithm,
 * issuer, expiry); this class only remembers tokens the delegate accepted, and still checks {@code exp}/{@code nbf}
 * on every use, with the same clock skew as Spring's default validator, so a cached token that has expired is
 * refused. A tampered token is a different string, so it is never found and goes to the delegate.
 *
 * <p>The cache is keyed by the SHA-256 of the token, not by the token: what is kept (the decoded {@link Jwt}) never
 * leaves memory and is never logged. It is bounded; a token without {@code exp} is not cached. A key withdrawn from
 * the JWKS no longer signs new tokens, but tokens it signed stay accepted until they expire (minutes for access
 * tokens), as they would be by any holder of the old JWKS.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    /** The default bound: about a few MiB of decoded tokens; the number of members active within a token's life. */
    public static final int DEFAULT_MAX_SIZE = 10_000;
    /** The skew Spring's default {@link JwtTimestampValidator} allows, so cached and fresh tokens expire alike. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator timestamps;
    private final Clock clock;

    public CachingJwtDecoder(JwtDecoder delegate, long maxSize) {
        this(delegate, maxSize, Clock.systemUTC());
    }

    CachingJwtDecoder(JwtDecoder delegate, long maxSize, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        this.timestamps.setClock(clock);
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(untilExpiry(clock)).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = TokenHash.of(token);
        Jwt cached = verified.getIfPresent(key);
        if (cached != null) {
            OAuth2TokenValidatorResult result = timestamps.validate(cached);
            if (result.hasErrors()) {
                verified.invalidate(key);
                throw new JwtValidationException(Messages.get("security.token-expired"),
                        result.getErrors());
            }
            return cached;
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    /** Each entry lives until its token's {@code exp} plus the skew: after that it would be refused anyway. */
    static Expiry<String, Jwt> untilExpiry(Clock clock) {
        return Expiry.creating((key, jwt) -> {
            Duration left = Duration.between(Instant.now(clock), jwt.getExpiresAt().plus(CLOCK_SKEW));
            return left.isNegative() ? Duration.ZERO : left;
        });
    }

    /** SHA-256 of a token, hex: the cache key, so that no map holds a token as its key. */
    static final class TokenHash {
        private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        });

        private TokenHash() {
        }

        static String of(String token) {
            return HexFormat.of().formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
