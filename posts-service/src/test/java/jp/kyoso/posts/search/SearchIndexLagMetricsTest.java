package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import jp.kyoso.posts.support.PostsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The search index's lag is the topic's end minus the position the index applied: once the writes of this test are
 * indexed it is 0 again, although the topic holds them (an index that reported no position would show them all).
 */
class SearchIndexLagMetricsTest extends PostsServiceTest {
    @Autowired
    SearchIndexLagMetrics lagMetrics;
    @Autowired
    SearchIndexer indexer;
    @Autowired
    MeterRegistry meters;

    @Test
    void theLagFallsBackToZeroOnceTheIndexHasAppliedEveryRecord() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> indexer.state() == SearchIndexer.State.READY);
        var author = member("遅延 計子");
        for (int i = 0; i < 3; i++) {
            api(author).publish("general", "DISCUSSION", "索引の遅れ " + i, "検索索引の遅れを測ります。");
        }
        assertThat(indexer.appliedPosition().get().values().stream().mapToLong(Long::longValue).sum())
                .as("the index's position on the posts topic").isPositive();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            lagMetrics.sample();
            assertThat(meters.get("kyoso.search.index.lag").gauge().value()).isZero();
        });
    }
}
