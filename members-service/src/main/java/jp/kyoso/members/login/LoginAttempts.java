package jp.kyoso.members.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kyoso.members.support.Times;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per key (an email address's digest, a client address) in a sliding window, kept in MongoDB so that
 * every instance of members-service counts the same failures. One small document per failure; they are deleted once
 * they have left the window.
 */
@Component
class LoginAttempts {
    static final String COLLECTION = "login_failures";

    private final MongoTemplate mongo;
    private final LoginProperties properties;

    LoginAttempts(MongoTemplate mongo, LoginProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("key", Sort.Direction.ASC).on("at", Sort.Direction.ASC)
                .named("key_at"));
    }

    /** Throws when any of the keys has used up its failures; the wait is until enough of them have aged out. */
    void requireAllowed(List<String> keys) {
        Instant now = Times.now();
        long waitSeconds = 0;
        for (String key : keys) {
            Query inWindow = Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window())));
            long failures = mongo.count(inWindow, COLLECTION);
            if (failures >= properties.maxFailures()) {
                // Allowed again when the count drops below the limit: when this failure leaves the window.
                Query deciding = Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window())))
                        .with(Sort.by(Sort.Direction.ASC, "at")).skip(failures - properties.maxFailures()).limit(1);
                Document oldest = mongo.findOne(deciding, Document.class, COLLECTION);
                Instant allowedAt = oldest == null ? now.plusSeconds(1)
                        : oldest.getDate("at").toInstant().plus(properties.window());
                waitSeconds = Math.max(waitSeconds, Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1));
            }
        }
        if (waitSeconds > 0) {
            throw new TooManyLoginAttempts(waitSeconds);
        }
    }

    void recordFailure(List<String> keys) {
        Instant now = Times.now();
        mongo.insert(keys.stream().map(key -> new Document("key", key).append("at", now)).toList(), COLLECTION);
    }

    void clear(String key) {
        mongo.remove(Query.query(Criteria.where("key").is(key)), COLLECTION);
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetOld() {
        mongo.remove(Query.query(Criteria.where("at").lt(Times.now().minus(properties.window()))), COLLECTION);
    }
}
