package jp.kyoso.platform.mongo;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The "mongo" health check with {@code ping}. Spring Boot's own sends {@code hello}, which the embedded
 * MongoDB-wire server (local platform, tests) does not know, so readiness would never come up there. It is
 * registered under the name of Boot's indicator, which then backs off.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {
    private final MongoTemplate mongo;

    public MongoPingHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
    }
}
