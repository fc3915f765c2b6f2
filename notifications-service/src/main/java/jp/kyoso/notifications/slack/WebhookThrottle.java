package jp.kyoso.notifications.slack;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each webhook within Slack's limits: a Resilience4j rate limiter per webhook URL (one message per second), and
 * the pause a 429 asked for, stored in {@code webhook_states} so that every instance honours it. Webhooks are known by
 * a hash of their URL (limiter names end up in metrics; the URL is a credential).
 */
@Component
public class WebhookThrottle {
    static final String COLLECTION = "webhook_states";

    private final RateLimiterRegistry rateLimiters;
    private final MongoTemplate mongo;

    public WebhookThrottle(RateLimiterRegistry rateLimiters, MongoTemplate mongo) {
        this.rateLimiters = rateLimiters;
        this.mongo = mongo;
    }

    /** How long to wait before this webhook may be called, or zero; takes the permit when it is zero. */
    public Duration waitBeforeSending(String url, Instant now) {
        String key = key(url);
        Document state = mongo.findById(key, Document.class, COLLECTION);
        if (state != null && state.getDate("notBefore") != null && state.getDate("notBefore").toInstant().isAfter(now)) {
            return Duration.between(now, state.getDate("notBefore").toInstant());
        }
        RateLimiter limiter = rateLimiters.rateLimiter("slack-" + key, "slack-webhook");
        if (limiter.acquirePermission()) {
            return Duration.ZERO;
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return Duration.ofNanos(Math.max(nanos, Duration.ofMillis(50).toNanos()));
    }

    /** Slack answered 429: nobody posts to this webhook before the time it asked for. */
    public void pause(String url, Instant until) {
        mongo.upsert(Query.query(Criteria.where("_id").is(key(url))), new Update().set("notBefore", Date.from(until)),
                COLLECTION);
    }

    static String key(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
