package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class SearchIndexHealthIndicatorTest {

    @Test
    void downUntilTheFirstRebuildHasFinished() {
        SearchIndexer indexer = mock(SearchIndexer.class);
        SearchIndexHealthIndicator health = new SearchIndexHealthIndicator(indexer);
        when(indexer.lastRebuild()).thenReturn(null);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        when(indexer.lastRebuild()).thenReturn(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("lastRebuild", "2026-11-26T00:00:00Z");
    }
}
