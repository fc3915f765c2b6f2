package jp.kyoso.posts.search;

import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code searchIndex}, part of readiness: an instance whose index is still being filled from MongoDB, or still
 * catching up with the events it missed while it was down, would answer searches with too little, so it takes no
 * traffic until the index answers for everything written before it started.
 */
@Component("searchIndexHealthIndicator")
class SearchIndexHealthIndicator extends AbstractHealthIndicator {
    private final SearchIndexer indexer;

    SearchIndexHealthIndicator(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SearchIndexer.State state = indexer.state();
        if (state == SearchIndexer.State.READY) {
            builder.up();
        } else {
            builder.down();
        }
        builder.withDetail("index", switch (state) {
            case STARTING -> "waiting for the partitions of kyoso.posts.v1";
            case REBUILDING -> "being built from MongoDB";
            case CATCHING_UP -> "catching up with the events since its last commit";
            case READY -> "ready";
        });
        Instant lastRebuild = indexer.lastRebuild();
        if (lastRebuild != null) {
            builder.withDetail("lastRebuild", lastRebuild.toString());
        }
        Instant caughtUpAt = indexer.caughtUpAt();
        if (caughtUpAt != null) {
            builder.withDetail("caughtUpAt", caughtUpAt.toString());
        }
    }
}
