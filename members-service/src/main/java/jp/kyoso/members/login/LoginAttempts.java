package jp.kyoso.members.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.members.support.Times;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins per key (an email address's digest, a client address) in a sliding window, kept in MongoDB so that
 * every instance of members-service counts the same failures.
 *
 * <p>Every attempt is written down <em>before</em> the password is checked and then counted together with the
 * attempts already there, so that concurrent guesses cannot all pass one "9 failures so far" check: each sees the
 * others. An attempt that turns out not to be a failure (the right password, or refused before any check) is deleted
 * again; a wrong password simply stays, as the failure. Documents are deleted once they have left the window.
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
        // forgetOld's range on "at" alone: key_at cannot serve it without the key
        mongo.indexOps(COLLECTION).createIndex(new Index().on("at", Sort.Direction.ASC).named("at"));
    }

    /** The documents one attempt wrote, one per key. */
    record Attempt(List<ObjectId> ids) {
    }

    /**
     * Records an attempt for every key, then throws when any key has more attempts in the window than failures are
     * allowed (this one included); the wait is until enough of them have aged out. A refused attempt is not kept:
     * only password checks count.
     */
    Attempt begin(List<String> keys) {
        Instant now = Times.now();
        List<Document> documents = new ArrayList<>();
        for (String key : keys) {
            documents.add(new Document("_id", new ObjectId()).append("key", key).append("at", now));
        }
        mongo.insert(documents, COLLECTION);
        Attempt attempt = new Attempt(documents.stream().map(document -> document.getObjectId("_id")).toList());
        long waitSeconds = 0;
        for (String key : keys) {
            Query inWindow = Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window())));
            long attempts = mongo.count(inWindow, COLLECTION);
            if (attempts > properties.maxFailures()) {
                waitSeconds = Math.max(waitSeconds, secondsUntilAllowed(key, attempts - 1, now));
            }
        }
        if (waitSeconds > 0) {
            forget(attempt);
            throw new TooManyLoginAttempts(waitSeconds);
        }
        return attempt;
    }

    /** The attempt was not a failure after all. */
    void forget(Attempt attempt) {
        mongo.remove(Query.query(Criteria.where("_id").in(attempt.ids())), COLLECTION);
    }

    void clear(String key) {
        mongo.remove(Query.query(Criteria.where("key").is(key)), COLLECTION);
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetOld() {
        mongo.remove(Query.query(Criteria.where("at").lt(Times.now().minus(properties.window()))), COLLECTION);
    }

    /**
     * With {@code earlier} attempts (not counting the refused one) in the window, the next attempt is allowed when
     * fewer than {@code maxFailures} are left: when the one that decides it leaves the window.
     */
    private long secondsUntilAllowed(String key, long earlier, Instant now) {
        Query deciding = Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window())))
                .with(Sort.by(Sort.Direction.ASC, "at")).skip(Math.max(0, earlier - properties.maxFailures()))
                .limit(1);
        Document oldest = mongo.findOne(deciding, Document.class, COLLECTION);
        Instant allowedAt = oldest == null ? now.plusSeconds(1)
                : oldest.getDate("at").toInstant().plus(properties.window());
        return Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1);
    }
}
