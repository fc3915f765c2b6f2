package jp.kyoso.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The service's own {@code idempotency_keys} collection: one document per (service, caller, key), whose unique
 * {@code _id} makes the first request the only one that runs. A record is PENDING while that request runs and DONE
 * with its answer afterwards; it expires {@code retention} after the first use (TTL index on {@code expiresAt} on real
 * MongoDB, {@link #purgeExpired()} for servers without TTL, and an expired record is treated as absent either way).
 */
public class IdempotencyRecords {
    public static final String COLLECTION = "idempotency_keys";
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

    private final MongoTemplate mongo;
    private final IdempotencyProperties properties;
    private final Clock clock;

    public IdempotencyRecords(MongoTemplate mongo, IdempotencyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a request finds when it presents its key. */
    public interface Claim {
    }

    /** The key is new (or its earlier request died): this request runs, as {@code attempt}. */
    public record Run(String id, String attempt) implements Claim {
    }

    /** The first request with this key is still running. */
    public record InProgress() implements Claim {
    }

    /** The key was first used for another request (method, path or body differ). */
    public record Mismatch() implements Claim {
    }

    /** The first request's answer, to give again. */
    public record Replay(int status, String contentType, String location, byte[] body) implements Claim {
    }

    /**
     * Declares the indexes: the unique {@code _id} is MongoDB's own; {@code expiresAt} is a TTL index on real MongoDB
     * and serves the purge's range query on servers without TTL. A failure must not stop the service from starting.
     */
    public void declareIndexes() {
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                    .expire(Duration.ZERO).named("expiresAt_ttl"));
        } catch (RuntimeException e) {
            log.warn("Could not create the TTL index on {}: {}", COLLECTION, e.getMessage());
        }
    }

    /** The record's id: a digest, so that a long key or subject keeps the {@code _id} short and uniform. */
    public static String idOf(String service, String caller, String key) {
        return sha256(service + "\n" + (caller == null ? "" : caller) + "\n" + key);
    }

    public Claim claim(String service, String caller, String key, String requestHash) {
        String id = idOf(service, caller, key);
        // A few rounds at most: each one either inserts, decides, or removes/takes over a dead record and looks again.
        for (int round = 0; round < 5; round++) {
            Instant now = clock.instant();
            String attempt = UUID.randomUUID().toString();
            Document pending = new Document("_id", id).append("service", service).append("caller", caller)
                    .append("requestHash", requestHash).append("state", PENDING).append("attempt", attempt)
                    .append("startedAt", Date.from(now))
                    .append("expiresAt", Date.from(now.plus(properties.retention())));
            try {
                mongo.insert(pending, COLLECTION);
                return new Run(id, attempt);
            } catch (DuplicateKeyException taken) {
                Document existing = mongo.findById(id, Document.class, COLLECTION);
                if (existing == null) {
                    continue; // expired and removed in between
                }
                Date expiresAt = existing.getDate("expiresAt");
                if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
                    mongo.remove(Query.query(Criteria.where("_id").is(id).and("attempt").is(existing.get("attempt"))),
                            COLLECTION);
                    continue;
                }
                if (!requestHash.equals(existing.getString("requestHash"))) {
                    return new Mismatch();
                }
                if (DONE.equals(existing.getString("state"))) {
                    Object body = existing.get("body");
                    return new Replay(existing.getInteger("status"), existing.getString("contentType"),
                            existing.getString("location"), body instanceof Binary binary ? binary.getData() : new byte[0]);
                }
                Date startedAt = existing.getDate("startedAt");
                if (startedAt != null && startedAt.toInstant().plus(properties.pendingTimeout()).isBefore(now)) {
                    // the first request's instance died before it finished: this retry takes its place
                    long takenOver = mongo.updateFirst(Query.query(Criteria.where("_id").is(id)
                                    .and("attempt").is(existing.get("attempt")).and("state").is(PENDING)),
                            new Update().set("attempt", attempt).set("startedAt", Date.from(now)),
                            COLLECTION).getModifiedCount();
                    if (takenOver == 1) {
                        return new Run(id, attempt);
                    }
                    continue;
                }
                return new InProgress();
            }
        }
        return new InProgress();
    }

    /** Keeps the answer of the request that ran, for the retries. */
    public void complete(Run run, int status, String contentType, String location, byte[] body) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(run.id()).and("attempt").is(run.attempt())),
                new Update().set("state", DONE).set("status", status).set("contentType", contentType)
                        .set("location", location).set("body", new Binary(body)), COLLECTION);
    }

    /** Forgets the key (a server error, an answer not kept): the retry runs the request again. */
    public void release(Run run) {
        mongo.remove(Query.query(Criteria.where("_id").is(run.id()).and("attempt").is(run.attempt())), COLLECTION);
    }

    /** Removes the expired records; returns how many. */
    public long purgeExpired() {
        return mongo.remove(Query.query(Criteria.where("expiresAt").lt(Date.from(clock.instant()))), COLLECTION)
                .getDeletedCount();
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
