package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class SearchIndexHealthIndicatorTest {
    private final SearchIndexer indexer = mock(SearchIndexer.class);
    private final SearchIndexHealthIndicator health = new SearchIndexHealthIndicator(indexer);

    @Test
    void downWhileTheIndexIsBuiltOrCatchingUp() {
        for (SearchIndexer.State state : new SearchIndexer.State[] {SearchIndexer.State.STARTING,
                SearchIndexer.State.REBUILDING, SearchIndexer.State.CATCHING_UP}) {
            when(indexer.state()).thenReturn(state);
            assertThat(health.health().getStatus()).as(state.name()).isEqualTo(Status.DOWN);
        }
        assertThat(health.health().getDetails()).containsEntry("index",
                "catching up with the events since its last commit");
    }

    @Test
    void upOnceReadyWithWhenItWasRebuiltOrCaughtUp() {
        when(indexer.state()).thenReturn(SearchIndexer.State.READY);
        when(indexer.lastRebuild()).thenReturn(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("lastRebuild", "2026-11-26T00:00:00Z");

        when(indexer.lastRebuild()).thenReturn(null);
        when(indexer.caughtUpAt()).thenReturn(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(health.health().getDetails()).containsEntry("caughtUpAt", "2026-11-27T00:00:00Z")
                .doesNotContainKey("lastRebuild");
    }
}
