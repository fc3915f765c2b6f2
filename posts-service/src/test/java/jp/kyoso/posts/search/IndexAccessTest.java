package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the index costs in the service's resident memory: read by default, its files are never mapped into the process
 * (Linux tells which files a process maps in /proc/self/maps).
 */
class IndexAccessTest {
    private static final Path MAPS = Path.of("/proc/self/maps");

    @TempDir
    Path dir;

    @Test
    void anIndexReadByDefaultIsNotMappedIntoTheProcess() throws IOException {
        assumeTrue(Files.isReadable(MAPS), "needs Linux's /proc/self/maps");
        SearchProperties defaults = new SearchProperties(dir, null, null);
        assertThat(defaults.indexAccess()).isEqualTo(IndexAccess.READ);

        try (SearchEngine engine = new SearchEngine(defaults.indexAccess().open(dir))) {
            fillAndSearch(engine);
            assertThat(mappedFilesIn(dir)).isEmpty();
        }
    }

    @Test
    void aMappedIndexIsMappedIntoTheProcess() throws IOException {
        assumeTrue(Files.isReadable(MAPS), "needs Linux's /proc/self/maps");
        try (SearchEngine engine = new SearchEngine(IndexAccess.MAPPED.open(dir))) {
            fillAndSearch(engine);
            assertThat(mappedFilesIn(dir)).isNotEmpty();
        }
    }

    private static void fillAndSearch(SearchEngine engine) {
        List<SearchDocument> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            posts.add(new SearchDocument("p" + i, null, "general", "QUESTION", "住民票の写しの交付 " + i,
                    "窓口での本人確認について教えてください。" + i, Instant.now()));
        }
        engine.addAll(posts);
        engine.commit();
        engine.refresh();
        assertThat(engine.search("住民票", null, null, 0, 10).hits()).hasSize(10);
    }

    private static List<String> mappedFilesIn(Path directory) throws IOException {
        String prefix = directory.toRealPath().toString();
        return Files.readAllLines(MAPS).stream().filter(line -> line.contains(prefix)).toList();
    }
}
