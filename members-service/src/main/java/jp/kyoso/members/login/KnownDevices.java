package jp.kyoso.members.login;

import java.time.Instant;
import java.util.Optional;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.support.Times;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Devices that have logged in to an account before, so that failures made by others (somebody guessing at a known
 * email address) never delay the owner: a login from a known device is limited only by that device's own failures.
 *
 * <p>The device holds a random 256-bit token (the {@code kyoso_device} cookie); only its SHA-256 digest is stored,
 * with the member it belongs to, like refresh tokens. Rather than a signed cookie: no signing key to share between
 * instances and to keep sealed, a device can be forgotten, and a copy of the database does not let anyone skip the
 * delays. A token proves only "this device logged in to this account before": the password is still checked.
 */
@Component
class KnownDevices {
    static final String COLLECTION = "known_devices";
    private static final int MAX_TOKEN_LENGTH = 100;

    private final MongoTemplate mongo;
    private final LoginProperties properties;

    KnownDevices(MongoTemplate mongo, LoginProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("lastLoginAt", Sort.Direction.ASC).named("lastLoginAt"));
    }

    /** The key the device's own failures are counted under, when {@code token} is a known device of the member. */
    Optional<String> recognise(String token, String memberId) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String digest = Secrets.sha256(token);
        Document device = mongo.findById(digest, Document.class, COLLECTION);
        if (device == null || !memberId.equals(device.getString("memberId"))
                || device.getDate("lastLoginAt").toInstant().isBefore(Times.now().minus(properties.knownDeviceLifetime()))) {
            return Optional.empty();
        }
        return Optional.of("device:" + digest);
    }

    /** After a successful login: the token the device keeps from now on (the same one if it was known). */
    String remember(String memberId, String token, boolean known) {
        Instant now = Times.now();
        if (known) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(Secrets.sha256(token))),
                    new Update().set("lastLoginAt", now), COLLECTION);
            return token;
        }
        String fresh = Secrets.newToken();
        mongo.insert(new Document("_id", Secrets.sha256(fresh)).append("memberId", memberId)
                .append("firstLoginAt", now).append("lastLoginAt", now), COLLECTION);
        return fresh;
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forgetOld() {
        mongo.remove(Query.query(Criteria.where("lastLoginAt").lt(Times.now().minus(properties.knownDeviceLifetime()))),
                COLLECTION);
    }
}
