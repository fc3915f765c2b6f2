package jp.kyoso.members.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import jp.kyoso.members.support.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The keys that sign access tokens, kept in members-service's database so that every instance and every restart
 * signs and verifies with the same keys. The newest key signs; every key that is not retired verifies and is published
 * in the JWKS, so that a token signed just before a rotation stays valid until it expires.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long MIN_RELOAD_GAP_MILLIS = 5_000;

    private final MongoTemplate mongo;
    private final TokenProperties properties;
    private volatile Loaded loaded;
    private volatile long lastLoadMillis;

    /** Active keys, newest first. */
    private record Loaded(List<SigningKey> documents, List<RSAKey> keys) {
        RSAKey current() {
            return keys.get(0);
        }
    }

    public SigningKeys(MongoTemplate mongo, TokenProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        var indexes = mongo.indexOps(SigningKey.COLLECTION);
        indexes.createIndex(new Index().on("generation", Sort.Direction.ASC).unique().named("generation_unique"));
        // The keys that are not retired, newest first (every reload): a key without retiredAt is indexed as null, so
        // "not retired" is an equality on the leading key and the generation order follows it.
        indexes.createIndex(new Index().on("retiredAt", Sort.Direction.ASC).on("generation", Sort.Direction.DESC)
                .named("active_newest"));
        ensureOne();
    }

    /** The key that signs new tokens. */
    public RSAKey current() {
        return loaded.current();
    }

    /** The public halves of all keys that verify, for the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(loaded.keys().stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /**
     * Verification keys for the local decoder. A {@code kid} this instance does not know yet may come from a key that
     * another instance has just created: re-read the keys once (at most every few seconds, so that tokens with made-up
     * key ids cannot hammer the database).
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(new JWKSet(List.copyOf(loaded.keys())));
            if (found.isEmpty() && System.currentTimeMillis() - lastLoadMillis > MIN_RELOAD_GAP_MILLIS) {
                reload();
                found = selector.select(new JWKSet(List.copyOf(loaded.keys())));
            }
            return found;
        };
    }

    /** Makes a new signing key now (the next generation); the previous ones keep verifying until retired. */
    public void rotate() {
        int newest = loaded.documents().isEmpty() ? 0 : loaded.documents().get(0).generation();
        create(newest + 1);
        reload();
    }

    /**
     * Every {@code kyoso.members.tokens.key-check-interval} (default a minute): re-reads the keys (to pick up another
     * instance's rotation), rotates when the newest key is due and retires keys whose tokens have all expired.
     */
    @Scheduled(fixedDelayString = "${kyoso.members.tokens.key-check-interval:PT1M}")
    public void maintain() {
        ensureOne();
        Instant now = Times.now();
        SigningKey newest = loaded.documents().get(0);
        if (newest.createdAt().plus(properties.keyRotationInterval()).isBefore(now)) {
            rotate();
            newest = loaded.documents().get(0);
        }
        // A key is retired once every token it signed has expired: its successor is older than a token's lifetime.
        Instant retireBefore = now.minus(properties.accessTokenLifetime()).minusSeconds(60);
        List<SigningKey> documents = loaded.documents();
        boolean retired = false;
        for (int i = 1; i < documents.size(); i++) {
            if (documents.get(i - 1).createdAt().isBefore(retireBefore)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(documents.get(i).kid())),
                        new Update().set("retiredAt", now).unset("jwk"), SigningKey.class);
                retired = true;
            }
        }
        if (retired) {
            reload();
        }
    }

    /** On an empty database (first start, or every key deleted by hand) the first key is made here. */
    private void ensureOne() {
        reload();
        if (loaded.keys().isEmpty()) {
            // the highest generation ever made, retired ones included (generations start at 1; the range makes the
            // unique generation index serve the read and its order)
            Query highest = new Query(Criteria.where("generation").gt(0))
                    .with(Sort.by(Sort.Direction.DESC, "generation")).limit(1);
            int newest = mongo.find(highest, SigningKey.class).stream().mapToInt(SigningKey::generation).findFirst()
                    .orElse(0);
            create(newest + 1);
            reload();
        }
    }

    private void create(int generation) {
        try {
            Instant now = Times.now();
            RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now)).generate();
            mongo.insert(new SigningKey(key.getKeyID(), generation, now, null, key.toJSONString()));
            log.info("Created signing key generation {} (kid {})", generation, key.getKeyID());
        } catch (DuplicateKeyException raced) {
            // Another instance created this generation at the same moment: use theirs.
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private synchronized void reload() {
        // never retired: retiredAt null (unset), an equality on active_newest's leading key
        Query active = new Query(Criteria.where("retiredAt").is(null))
                .with(Sort.by(Sort.Direction.DESC, "generation"));
        List<SigningKey> documents = mongo.find(active, SigningKey.class);
        List<RSAKey> keys = documents.stream().map(SigningKeys::parse).toList();
        loaded = new Loaded(documents, keys);
        lastLoadMillis = System.currentTimeMillis();
    }

    private static RSAKey parse(SigningKey document) {
        try {
            return RSAKey.parse(document.jwk());
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + document.kid() + " is not a valid JWK", e);
        }
    }
}
