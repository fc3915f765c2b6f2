package jp.kyoso.gateway.security;

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
import jp.kyoso.gateway.Messages;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies a given access token once and reuses the result until the token expires. A client sends the same token
 * with every request for its whole lifetime, and checking its RSA signature each time was the largest single cost of
 * the gateway (27 % of CPU samples, under the C1-only JIT it had then). The delegate keeps doing every check
 * (signature, algorithm, expiry, and the JWKS refetch for an unknown key id); this class only remembers tokens the
 * delegate accepted, and still checks {@code exp}/{@code nbf} on every use, with the clock skew of Spring's default
 * validator, so a cached token that has expired is refused. A tampered token is another string: never found, it goes
 * to the delegate.
 *
 * <p>The key is the SHA-256 of the token, so no map holds a token as its key; the decoded {@link Jwt} stays in memory
 * only and is never logged. The cache is bounded ({@code kyoso.security.token-cache.max-size}, default 10,000); a token without
 * {@code exp} is not cached. platform-support's {@code CachingJwtDecoder} does the same for the servlet services
 * (the gateway is reactive and cannot depend on that module).
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    /** The skew Spring's default {@link JwtTimestampValidator} allows, so cached and fresh tokens expire alike. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator timestamps;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maxSize) {
        this(delegate, maxSize, Clock.systemUTC());
    }

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maxSize, Clock clock) {
        this.delegate = delegate;
        this.timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        this.timestamps.setClock(clock);
        this.verified = Caffeine.newBuilder().maximumSize(maxSize)
                .expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> {
                    // after exp plus the skew it would be refused anyway
                    Duration left = Duration.between(Instant.now(clock), jwt.getExpiresAt().plus(CLOCK_SKEW));
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String key = sha256(token);
        Jwt cached = verified.getIfPresent(key);
        if (cached != null) {
            OAuth2TokenValidatorResult result = timestamps.validate(cached);
            if (result.hasErrors()) {
                verified.invalidate(key);
                return Mono.error(new JwtValidationException(
                        Messages.get("security.token-expired"), result.getErrors()));
            }
            return Mono.just(cached);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(key, jwt);
            }
        });
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static String sha256(String token) {
        return HexFormat.of().formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
