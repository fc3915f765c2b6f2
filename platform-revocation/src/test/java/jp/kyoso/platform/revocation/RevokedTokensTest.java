package jp.kyoso.platform.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class RevokedTokensTest {
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00.500Z");
    private final RevokedTokens revoked = new RevokedTokens(Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Jwt token(String memberId, Instant issuedAt, boolean withMillis) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject(memberId)
                .issuedAt(issuedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .expiresAt(issuedAt.plusSeconds(900));
        if (withMillis) {
            builder.claim(RevokedTokens.ISSUED_AT_MILLIS, issuedAt.toEpochMilli());
        }
        return builder.build();
    }

    @Test
    void aTokenIssuedBeforeNotBeforeIsRevokedAndOneIssuedAfterItInTheSameSecondIsNot() {
        revoked.revoke("m-1", NOW);
        assertThat(revoked.isRevoked(token("m-1", NOW.minusMillis(1), true))).isTrue();
        assertThat(revoked.isRevoked(token("m-1", NOW, true))).isFalse();
        assertThat(revoked.isRevoked(token("m-1", NOW.plusMillis(1), true))).isFalse();
        assertThat(revoked.isRevoked(token("m-2", NOW.minusSeconds(60), true))).isFalse();
    }

    @Test
    void withoutMillisecondsATokenOfTheSameSecondCountsAsOlder() {
        revoked.revoke("m-1", NOW);
        assertThat(revoked.isRevoked(token("m-1", NOW.plusMillis(100), false))).isTrue();
        assertThat(revoked.isRevoked(token("m-1", NOW.plusSeconds(1), false))).isFalse();
    }

    @Test
    void theLaterRevocationWinsListenersHearOfNewOnesAndOldOnesAreForgotten() {
        List<Instant> heard = new ArrayList<>();
        revoked.onRevocation((memberId, notBefore) -> heard.add(notBefore));
        revoked.revoke("m-1", NOW.minusSeconds(10));
        revoked.revoke("m-1", NOW.minusSeconds(20));
        assertThat(heard).containsExactly(NOW.minusSeconds(10));
        assertThat(revoked.isRevoked(token("m-1", NOW.minusSeconds(15), true))).isTrue();
        // older than the token lifetime plus the skew: every token it concerns has expired
        revoked.revoke("m-old", NOW.minus(Duration.ofMinutes(17)));
        assertThat(revoked.size()).isEqualTo(1);
        RevokedTokens later = new RevokedTokens(Duration.ofMinutes(15),
                Clock.fixed(NOW.plus(Duration.ofMinutes(17)), ZoneOffset.UTC));
        later.revoke("m-1", NOW);
        later.forgetExpired();
        assertThat(later.size()).isZero();
    }
}
