package jp.kyoso.platform.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * This process's list of revocations, member id → {@code notBefore}: an access token of the member issued before
 * {@code notBefore} is refused. Fed by {@link RevocationFeed} from {@code kyoso.members.MemberTokensRevoked.v1}; held
 * in memory only, since an entry matters only while the tokens it concerns could still be accepted (their lifetime
 * plus the decoders' clock skew), and the feed reads that far back again after a restart.
 */
public final class RevokedTokens {
    /** The skew the JWT decoders allow on {@code exp}: a token is accepted this long after it expired. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The claim members-service adds next to {@code iat}: the issue time in milliseconds. */
    public static final String ISSUED_AT_MILLIS = "iat_ms";

    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Instant>> listeners = new CopyOnWriteArrayList<>();
    private final Duration keep;
    private final Clock clock;

    public RevokedTokens(Duration tokenLifetime) {
        this(tokenLifetime, Clock.systemUTC());
    }

    RevokedTokens(Duration tokenLifetime, Clock clock) {
        this.keep = tokenLifetime.plus(CLOCK_SKEW);
        this.clock = clock;
    }

    /** How far back a revocation can still matter. */
    public Duration keep() {
        return keep;
    }

    /** Records a revocation (the later one wins when a member has several) and tells the listeners. */
    public void revoke(String memberId, Instant since) {
        if (Instant.now(clock).minus(keep).isAfter(since)) {
            return;
        }
        Instant kept = notBefore.merge(memberId, since, (a, b) -> a.isAfter(b) ? a : b);
        if (kept.equals(since)) {
            listeners.forEach(listener -> listener.accept(memberId, since));
        }
    }

    /** Called (on the feed's thread, so quickly) with each new revocation: e.g. to close live streams. */
    public void onRevocation(BiConsumer<String, Instant> listener) {
        listeners.add(listener);
    }

    public boolean isRevoked(Jwt jwt) {
        Instant since = jwt.getSubject() == null ? null : notBefore.get(jwt.getSubject());
        return since != null && issuedBefore(jwt, since);
    }

    /** Forgets the revocations whose tokens have all expired. */
    public void forgetExpired() {
        Instant horizon = Instant.now(clock).minus(keep);
        notBefore.values().removeIf(horizon::isAfter);
    }

    int size() {
        return notBefore.size();
    }

    /**
     * Whether the token was issued before {@code since}. With {@code iat_ms} to the millisecond: a token issued in the
     * same millisecond as or after the change (the new token a member gets right after a role change) is good. A
     * token without it (none of members-service's since this claim exists) has {@code iat} in whole seconds only, and
     * is refused when issued in the second of the change or before: better one extra login than an old token that
     * keeps working.
     */
    public static boolean issuedBefore(Jwt jwt, Instant since) {
        Object millis = jwt.getClaims().get(ISSUED_AT_MILLIS);
        if (millis instanceof Number number) {
            return number.longValue() < since.toEpochMilli();
        }
        Instant issuedAt = jwt.getIssuedAt();
        return issuedAt == null || !issuedAt.isAfter(since.truncatedTo(ChronoUnit.SECONDS));
    }
}
