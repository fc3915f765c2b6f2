package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on disk is kept across restarts with what its last commit recorded, unless it cannot be trusted. */
class SearchEngineDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void aCommittedIndexIsReopenedWithItsPosition() throws IOException {
        EventPosition position = new EventPosition("kyoso.posts.v1", Map.of(0, 12L, 1, 40L));
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            assertThat(engine.committedData()).isEmpty();
            engine.addAll(List.of(post("p1", "防災無線の更新")));
            engine.commit(position.toCommitData());
        }
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            assertThat(EventPosition.fromCommitData(engine.committedData())).contains(position);
            engine.refresh();
            assertThat(engine.search("防災無線", null, null, 0, 10).hits()).hasSize(1);
        }
    }

    @Test
    void anEmptiedIndexRecordsNoPositionEvenWhenClosedBeforeItIsFilledAgain() throws IOException {
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            engine.addAll(List.of(post("p1", "防災無線の更新")));
            engine.commit(new EventPosition("kyoso.posts.v1", Map.of(0, 3L)).toCommitData());
            engine.clear();
        }
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            assertThat(EventPosition.fromCommitData(engine.committedData())).isEmpty();
        }
    }

    @Test
    void anIndexOfAnotherSchemaVersionIsStartedAfresh() throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
            old.setLiveCommitData(Map.of(SearchEngine.SCHEMA_KEY, "0", EventPosition.TOPIC_KEY, "kyoso.posts.v1",
                    EventPosition.OFFSETS_KEY, "0:5").entrySet());
            old.addDocument(new org.apache.lucene.document.Document());
            old.commit();
        }
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            assertThat(engine.committedData()).isEmpty();
            engine.refresh();
            assertThat(engine.documentCount()).isZero();
        }
    }

    @Test
    void anUnreadableDirectoryIsStartedAfresh() throws IOException {
        Files.writeString(dir.resolve("segments_1"), "not an index");
        try (SearchEngine engine = new SearchEngine(FSDirectory.open(dir))) {
            assertThat(engine.committedData()).isEmpty();
            engine.addAll(List.of(post("p1", "防災無線の更新")));
            engine.commit(Map.of());
            engine.refresh();
            assertThat(engine.documentCount()).isEqualTo(1);
        }
    }

    @Test
    void aPositionIsResumableOnlyWhileTheTopicStillHoldsItsEvents() {
        EventPosition position = new EventPosition("kyoso.posts.v1", Map.of(0, 12L, 1, 40L));
        assertThat(position.whyNotResumable("kyoso.posts.v1", Map.of(0, 0L, 1, 0L), Map.of(0, 20L, 1, 40L)))
                .isEmpty();
        assertThat(position.whyNotResumable("other", Map.of(0, 0L, 1, 0L), Map.of(0, 20L, 1, 40L))).isPresent();
        assertThat(position.whyNotResumable("kyoso.posts.v1", Map.of(0, 13L, 1, 0L), Map.of(0, 20L, 1, 40L)))
                .as("removed by retention").isPresent();
        assertThat(position.whyNotResumable("kyoso.posts.v1", Map.of(0, 0L, 1, 0L), Map.of(0, 5L, 1, 40L)))
                .as("a topic created anew").isPresent();
        assertThat(position.whyNotResumable("kyoso.posts.v1", Map.of(0, 0L, 1, 0L, 2, 0L),
                Map.of(0, 20L, 1, 40L, 2, 0L))).as("a partition added").isPresent();
        assertThat(EventPosition.fromCommitData(Map.of(EventPosition.TOPIC_KEY, "t", EventPosition.OFFSETS_KEY, "x")))
                .isEqualTo(Optional.empty());
    }

    private static SearchDocument post(String id, String title) {
        return new SearchDocument(id, null, "general", "IDEA", title, "本文です。", Instant.now());
    }
}
