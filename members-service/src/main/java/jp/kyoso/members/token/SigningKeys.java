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
import jp.kyoso.platform.secrets.SecretSealer;
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
 *
 * <p>The private halves are sealed under the key-encryption key ({@link SecretSealer}, KYOSO_KEK), which is not in the
 * database: a copy of the database cannot mint tokens. At start, keys stored in clear by an earlier version are sealed
 * and keys sealed under a previous KEK are sealed again under the current one ({@link #sealAtRest()}). A key that does
 * not open (no sealed pair, another KEK, changed) is never used to sign or verify.
 */
@Component
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long MIN_RELOAD_GAP_MILLIS = 5_000;

    private final MongoTemplate mongo;
    private final TokenProperties properties;
    private final SecretSealer sealer;
    private volatile Loaded loaded;
    private volatile long lastLoadMillis;

    /** Active keys, newest first. */
    private record Loaded(List<SigningKey> documents, List<RSAKey> keys) {
        RSAKey current() {
            return keys.get(0);
        }
    }

    public SigningKeys(MongoTemplate mongo, TokenProperties properties, SecretSealer sealer) {
        this.mongo = mongo;
        this.properties = properties;
        this.sealer = sealer;
        var indexes = mongo.indexOps(SigningKey.COLLECTION);
        indexes.createIndex(new Index().on("generation", Sort.Direction.ASC).unique().named("generation_unique"));
        // The keys that are not retired, newest first (every reload): a key without retiredAt is indexed as null, so
        // "not retired" is an equality on the leading key and the generation order follows it.
        indexes.createIndex(new Index().on("retiredAt", Sort.Direction.ASC).on("generation", Sort.Direction.DESC)
                .named("active_newest"));
        sealAtRest();
        ensureOne();
    }

    /**
     * The re-seal job of every start: a key stored in clear (before sealing existed) is sealed and its {@code jwk}
     * keeps only the public half; a key sealed under a previous KEK is sealed again under the current one. Each update
     * is conditional on the value read, so two instances starting at once do not undo each other. Only at start: an
     * instance that still runs with the previous KEK as its current one must not seal everything back.
     *
     * @return how many keys were sealed (again)
     */
    public int sealAtRest() {
        Query active = new Query(Criteria.where("retiredAt").is(null))
                .with(Sort.by(Sort.Direction.DESC, "generation"));
        int sealed = 0;
        for (SigningKey document : mongo.find(active, SigningKey.class)) {
            String purpose = SigningKey.sealingPurpose(document.kid());
            try {
                if (document.sealedJwk() == null && document.jwk() != null) {
                    RSAKey pair = RSAKey.parse(document.jwk());
                    if (!pair.isPrivate()) {
                        continue;
                    }
                    sealed += mongo.updateFirst(Query.query(Criteria.where("_id").is(document.kid())
                                    .and("jwk").is(document.jwk()).and("sealedJwk").exists(false)),
                            new Update().set("sealedJwk", sealer.seal(purpose, pair.toJSONString()))
                                    .set("jwk", pair.toPublicJWK().toJSONString()), SigningKey.class)
                            .getModifiedCount();
                } else if (sealer.needsResealing(document.sealedJwk())) {
                    sealed += mongo.updateFirst(Query.query(Criteria.where("_id").is(document.kid())
                                    .and("sealedJwk").is(document.sealedJwk())),
                            new Update().set("sealedJwk", sealer.reseal(purpose, document.sealedJwk())),
                            SigningKey.class).getModifiedCount();
                }
            } catch (ParseException | SecretSealer.SealedSecretException e) {
                log.error("Signing key {} cannot be sealed at rest and is not used: {}", document.kid(),
                        e.getMessage());
            }
        }
        if (sealed > 0) {
            log.info("Sealed {} signing key(s) under KEK {}", sealed, sealer.currentKeyId());
        }
        return sealed;
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
                        new Update().set("retiredAt", now).unset("jwk").unset("sealedJwk"), SigningKey.class);
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
            mongo.insert(new SigningKey(key.getKeyID(), generation, now, null, key.toPublicJWK().toJSONString(),
                    sealer.seal(SigningKey.sealingPurpose(key.getKeyID()), key.toJSONString())));
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
        List<SigningKey> documents = new java.util.ArrayList<>();
        List<RSAKey> keys = new java.util.ArrayList<>();
        for (SigningKey document : mongo.find(active, SigningKey.class)) {
            RSAKey key = open(document);
            if (key != null) {
                documents.add(document);
                keys.add(key);
            }
        }
        loaded = new Loaded(List.copyOf(documents), List.copyOf(keys));
        lastLoadMillis = System.currentTimeMillis();
    }

    /** The key pair, or null (logged) when the document has none that opens under the configured KEKs. */
    private RSAKey open(SigningKey document) {
        if (document.sealedJwk() == null) {
            log.error("Signing key {} has no sealed key pair (stored in clear after this instance started?): not "
                    + "used; the next start seals it", document.kid());
            return null;
        }
        try {
            RSAKey key = RSAKey.parse(sealer.open(SigningKey.sealingPurpose(document.kid()), document.sealedJwk()));
            if (!key.isPrivate() || !document.kid().equals(key.getKeyID())) {
                throw new ParseException("not the private key " + document.kid(), 0);
            }
            return key;
        } catch (ParseException | SecretSealer.SealedSecretException e) {
            log.error("Signing key {} does not open and is not used: {}", document.kid(), e.getMessage());
            return null;
        }
    }
}
