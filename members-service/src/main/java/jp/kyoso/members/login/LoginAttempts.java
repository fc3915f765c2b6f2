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
 * Failed logins per key (an account, a known device of an account, a client address) in a sliding window, kept in
 * MongoDB so that every instance of members-service counts the same failures. Two kinds of limit:
 * <ul>
 * <li>{@link Limit#delay}: a progressive delay. The first {@code freeFailures} cost nothing; after that the next
 * password check waits {@code firstDelay}, doubling with each further failure up to {@code maxDelay}, counted from
 * the latest failure. Never a lock: once the wait is over the password is checked, and the right one works.</li>
 * <li>{@link Limit#ceiling}: at most so many failures in the window (a client address); refused until enough of them
 * have aged out.</li>
 * </ul>
 *
 * <p>Every attempt is written down <em>before</em> the password is checked and then counted together with the
 * attempts already there, so that concurrent guesses cannot all pass one "4 failures so far" check: each sees the
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

    /** One key and how its failures are limited; {@code maxFailures} only for a ceiling (0: no ceiling). */
    record Limit(String key, boolean progressive, int maxFailures) {
        static Limit delay(String key) {
            return new Limit(key, true, 0);
        }

        static Limit ceiling(String key, int maxFailures) {
            return new Limit(key, false, maxFailures);
        }
    }

    /** The documents one attempt wrote, one per key. */
    record Attempt(List<ObjectId> ids) {
    }

    /**
     * Records an attempt for every key, then throws when any key says wait; the wait is the longest of them. A refused
     * attempt is not kept: only password checks count.
     */
    Attempt begin(List<Limit> limits) {
        Instant now = Times.now();
        List<Document> documents = new ArrayList<>();
        for (Limit limit : limits) {
            documents.add(new Document("_id", new ObjectId()).append("key", limit.key()).append("at", now));
        }
        mongo.insert(documents, COLLECTION);
        Attempt attempt = new Attempt(documents.stream().map(document -> document.getObjectId("_id")).toList());
        long waitMillis = 0;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            ObjectId mine = attempt.ids().get(i);
            long earlier = mongo.count(inWindow(limit.key(), now), COLLECTION) - 1;
            if (limit.progressive()) {
                waitMillis = Math.max(waitMillis, delayLeft(limit.key(), mine, earlier, now));
            } else if (limit.maxFailures() > 0 && earlier >= limit.maxFailures()) {
                waitMillis = Math.max(waitMillis, untilUnderCeiling(limit, earlier, now));
            }
        }
        if (waitMillis > 0) {
            forget(attempt);
            throw new TooManyLoginAttempts(Math.max(1, (waitMillis + 999) / 1000));
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

    private Query inWindow(String key, Instant now) {
        return Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window())));
    }

    /**
     * With {@code earlier} other attempts in the window, the next check waits {@link LoginProperties#delayAfter} from
     * the latest of them. Concurrent attempts count as earlier ones for each other, so a burst gets at most
     * {@code freeFailures} checks.
     */
    private long delayLeft(String key, ObjectId mine, long earlier, Instant now) {
        Duration delay = properties.delayAfter(earlier);
        if (delay.isZero()) {
            return 0;
        }
        Query latest = Query.query(Criteria.where("key").is(key).and("at").gt(now.minus(properties.window()))
                .and("_id").ne(mine)).with(Sort.by(Sort.Direction.DESC, "at")).limit(1);
        Document other = mongo.findOne(latest, Document.class, COLLECTION);
        if (other == null) {
            return 0;
        }
        Instant allowedAt = other.getDate("at").toInstant().plus(delay);
        return Math.max(0, Duration.between(now, allowedAt).toMillis());
    }

    /**
     * With {@code earlier} attempts (not counting the refused one) in the window, the next attempt is allowed when
     * fewer than {@code maxFailures} are left: when the one that decides it leaves the window.
     */
    private long untilUnderCeiling(Limit limit, long earlier, Instant now) {
        Query deciding = inWindow(limit.key(), now).with(Sort.by(Sort.Direction.ASC, "at"))
                .skip(Math.max(0, earlier - limit.maxFailures())).limit(1);
        Document oldest = mongo.findOne(deciding, Document.class, COLLECTION);
        Instant allowedAt = oldest == null ? now.plusSeconds(1)
                : oldest.getDate("at").toInstant().plus(properties.window());
        return Math.max(1000, Duration.between(now, allowedAt).toMillis());
    }
}
