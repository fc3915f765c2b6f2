package jp.kyoso.notifications.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each webhook within Slack's limit of about one message per second, across all instances: the next time a
 * webhook may be called ({@code notBefore}) lives in {@code webhook_states}, and a worker takes the turn with one
 * conditional find-and-modify (only if {@code notBefore} has passed), which moves it a second on. So of several
 * instances exactly one gets each turn. A 429 moves it to the time Slack asked for. Webhooks are known by a hash of
 * their URL (the URL is a credential).
 */
@Component
public class WebhookThrottle {
    static final String COLLECTION = "webhook_states";
    /** Slack accepts about one message per second per incoming webhook. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration MIN_WAIT = Duration.ofMillis(50);

    private final MongoTemplate mongo;

    public WebhookThrottle(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** How long to wait before this webhook may be called, or zero: then the caller has the turn and must call. */
    public Duration waitBeforeSending(String url, Instant now) {
        String key = key(url);
        Date next = Date.from(now.plus(INTERVAL));
        Query free = Query.query(new Criteria().andOperator(Criteria.where("_id").is(key), new Criteria().orOperator(
                Criteria.where("notBefore").lte(Date.from(now)), Criteria.where("notBefore").exists(false))));
        if (mongo.findAndModify(free, new Update().set("notBefore", next), Document.class, COLLECTION) != null) {
            return Duration.ZERO;
        }
        Document state = mongo.findById(key, Document.class, COLLECTION);
        if (state == null) {
            try {
                mongo.insert(new Document("_id", key).append("notBefore", next), COLLECTION);
                return Duration.ZERO;
            } catch (DuplicateKeyException raced) {
                state = mongo.findById(key, Document.class, COLLECTION);
            }
        }
        Date notBefore = state == null ? null : state.getDate("notBefore");
        Duration wait = notBefore == null ? INTERVAL : Duration.between(now, notBefore.toInstant());
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }

    /** Slack answered 429: nobody posts to this webhook before the time it asked for. */
    public void pause(String url, Instant until) {
        mongo.upsert(Query.query(Criteria.where("_id").is(key(url))), new Update().max("notBefore", Date.from(until)),
                COLLECTION);
    }

    /** Prefixed: 24 hex digits alone would look like an ObjectId, which Spring Data turns a queried id into. */
    static String key(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "webhook:" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
