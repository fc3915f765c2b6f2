package jp.kyoso.posts.search;

import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code searchIndex}, part of readiness: an instance whose index is still being filled from MongoDB would answer
 * searches with nothing, so it takes no traffic until the first rebuild has finished.
 */
@Component("searchIndexHealthIndicator")
class SearchIndexHealthIndicator extends AbstractHealthIndicator {
    private final SearchIndexer indexer;

    SearchIndexHealthIndicator(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant lastRebuild = indexer.lastRebuild();
        if (lastRebuild == null) {
            builder.down().withDetail("index", "being built from MongoDB");
        } else {
            builder.up().withDetail("lastRebuild", lastRebuild.toString());
        }
    }
}
