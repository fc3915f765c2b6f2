package jp.kyoso.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

class CachingReactiveJwtDecoderTest {
    private static RSAKey key;
    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(counting(realDecoder()), 100, clock);

    @BeforeAll
    static void signingKey() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @Test
    void verifiesATokenOnceForManyRequests() {
        String token = token(clock.instant().plusSeconds(900));

        for (int i = 0; i < 50; i++) {
            Jwt jwt = decoder.decode(token).block();
            assertThat(jwt.getSubject()).isEqualTo("member-1");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("MEMBER");
        }

        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesACachedTokenOnceItHasExpired() {
        Instant exp = clock.instant().plusSeconds(900);
        String token = token(exp);
        decoder.decode(token).block();

        clock.set(exp.plus(CachingReactiveJwtDecoder.CLOCK_SKEW).plusSeconds(1));

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).as("refused from the cache, before verifying again").hasValue(1);
    }

    @Test
    void refusesATamperedTokenEvenWhenTheOriginalIsCached() {
        String token = token(clock.instant().plusSeconds(900));
        decoder.decode(token).block();
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"member-1\",\"iss\":\"kyoso-members\",\"roles\":[\"ADMIN\"],\"exp\":4102444800}".getBytes());
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];

        assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).as("a refused token is not remembered").hasValue(3);
    }

    @Test
    void theDelegateStillRefusesATokenThatHasAlreadyExpired() {
        String token = token(clock.instant().minus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheKeyIsAHashNotTheToken() {
        String token = token(clock.instant().plusSeconds(900));

        assertThat(CachingReactiveJwtDecoder.sha256(token)).hasSize(64).doesNotContain(token.substring(0, 20))
                .isEqualTo(CachingReactiveJwtDecoder.sha256(token));
    }

    private NimbusReactiveJwtDecoder realDecoder() {
        NimbusReactiveJwtDecoder nimbus;
        try {
            nimbus = NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        var validator = JwtValidators.createDefaultWithIssuer("kyoso-members");
        nimbus.setJwtValidator(jwt -> {
            // the real validators, on the test's clock
            var timestamps = new org.springframework.security.oauth2.jwt.JwtTimestampValidator();
            timestamps.setClock(clock);
            var result = timestamps.validate(jwt);
            return result.hasErrors() ? result : validator.validate(jwt);
        });
        return nimbus;
    }

    private ReactiveJwtDecoder counting(ReactiveJwtDecoder delegate) {
        return token -> reactor.core.publisher.Mono.defer(() -> {
            verifications.incrementAndGet();
            return delegate.decode(token);
        });
    }

    private static String token(Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("member-1").issuer("kyoso-members")
                .claim("roles", List.of("MEMBER")).issueTime(Date.from(expiresAt.minusSeconds(900)))
                .expirationTime(Date.from(expiresAt)).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
