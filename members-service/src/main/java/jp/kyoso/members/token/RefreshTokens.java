package jp.kyoso.members.token;

import java.time.Instant;
import java.util.UUID;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.support.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Opaque refresh tokens: stored hashed, rotated on every use, reuse revokes the family. */
@Component
public class RefreshTokens {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    private final MongoTemplate mongo;
    private final TokenProperties properties;

    public RefreshTokens(MongoTemplate mongo, TokenProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        var indexes = mongo.indexOps(RefreshToken.COLLECTION);
        indexes.createIndex(new Index().on("familyId", Sort.Direction.ASC).named("family"));
        indexes.createIndex(new Index().on("memberId", Sort.Direction.ASC).named("member"));
        indexes.createIndex(new Index().on("expiresAt", Sort.Direction.ASC).named("expiry"));
    }

    /** A token that starts a new family (a login). */
    public String issueNewFamily(String memberId) {
        return issue(memberId, UUID.randomUUID().toString());
    }

    public String issue(String memberId, String familyId) {
        String token = Secrets.newToken();
        Instant now = Times.now();
        mongo.insert(new RefreshToken(Secrets.sha256(token), familyId, memberId, now,
                now.plus(properties.refreshTokenLifetime()), null, null));
        return token;
    }

    /**
     * Spends a token: returns it (to issue its successor in the same family) or null when it cannot be used. Spending
     * is one atomic update, so two requests with the same token cannot both succeed; the loser is treated as reuse.
     */
    public RefreshToken spend(String token) {
        String hash = Secrets.sha256(token);
        Instant now = Times.now();
        Query usable = Query.query(Criteria.where("_id").is(hash).and("usedAt").exists(false)
                .and("revokedAt").exists(false).and("expiresAt").gt(now));
        RefreshToken spent = mongo.findAndModify(usable, new Update().set("usedAt", now),
                FindAndModifyOptions.options().returnNew(true), RefreshToken.class);
        if (spent != null) {
            return spent;
        }
        RefreshToken known = mongo.findById(hash, RefreshToken.class);
        if (known != null && known.usedAt() != null && known.revokedAt() == null) {
            log.warn("A used refresh token was presented again for member {}: revoking its family {}",
                    known.memberId(), known.familyId());
            revokeFamily(known.familyId());
        }
        return null;
    }

    /** Logout: the token and every token of its family stop working. */
    public void revokeFamilyOf(String token) {
        RefreshToken known = mongo.findById(Secrets.sha256(token), RefreshToken.class);
        if (known != null) {
            revokeFamily(known.familyId());
        }
    }

    public void revokeFamily(String familyId) {
        mongo.updateMulti(Query.query(Criteria.where("familyId").is(familyId).and("revokedAt").exists(false)),
                new Update().set("revokedAt", Times.now()), RefreshToken.class);
    }

    /** Whether the token has been revoked since it was read (a logout of its family, or of every device). */
    public boolean revoked(RefreshToken token) {
        RefreshToken now = mongo.findById(token.hash(), RefreshToken.class);
        return now == null || now.revokedAt() != null;
    }

    /** Logout on every device, and deactivation: every token of every family of the member stops working. */
    public void revokeAllOf(String memberId) {
        mongo.updateMulti(Query.query(Criteria.where("memberId").is(memberId).and("revokedAt").exists(false)),
                new Update().set("revokedAt", Times.now()), RefreshToken.class);
    }

    /** Expired tokens are useless; a revoked or used one is kept until then so that reuse is still recognised. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    public void forgetExpired() {
        mongo.remove(Query.query(Criteria.where("expiresAt").lt(Times.now())), RefreshToken.class);
    }
}
