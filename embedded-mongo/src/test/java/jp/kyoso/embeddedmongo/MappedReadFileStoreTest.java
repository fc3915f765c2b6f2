package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store read through mappings of 64 KB segments (the backend maps 16 MB ones): what it reads is what was written,
 * across segments, after rewrites in place and after the file shrinks.
 */
class MappedReadFileStoreTest {
    private static final int SEGMENT_SHIFT = 16;
    private static final String BODY = "住民票の写しの広域交付について、窓口の運用を教えてください。".repeat(20);
    private static final int ENTRIES = 3_000;
    /** A 1 MB page cache, so that reads reach the file rather than MVStore's cache. */
    private static final Map<String, Object> SMALL_CACHE = Map.of("cacheSize", 1);

    @Test
    void theBackendReadsItsFileThroughMappings(@TempDir Path directory) {
        MVStore store = IndexedH2Backend.openStore(directory.resolve("kyoso.mv").toString());
        try {
            assertThat(store.getFileStore()).isInstanceOf(MappedReadFileStore.class);
        } finally {
            store.close();
        }
    }

    @Test
    void readsBackEveryEntryFromTheMappedSegments(@TempDir Path directory) {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);

        MappedReadFileStore files = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore store = open(file, files);
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            for (int n = 0; n < ENTRIES; n++) {
                assertThat(posts.get(n)).isEqualTo(BODY + n);
            }
            assertThat(files.mappedSegments()).isGreaterThan(10);
            assertThat(files.getReadCount()).isPositive();
        } finally {
            store.close();
        }
        assertThat(files.mappedSegments()).isZero();
    }

    @Test
    void seesWhatTheChannelWroteAfterTheSegmentWasMapped(@TempDir Path directory) {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);

        MappedReadFileStore files = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore store = open(file, files);
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            for (int round = 1; round <= 3; round++) {
                for (int n = 0; n < ENTRIES; n++) {
                    posts.put(n, BODY + "edited " + round + " " + n);
                }
                store.commit();
                // MVStore reuses the space of the chunks it freed, inside segments already mapped
                for (int n = 0; n < ENTRIES; n += 7) {
                    assertThat(posts.get(n)).isEqualTo(BODY + "edited " + round + " " + n);
                }
            }
        } finally {
            store.close();
        }

        MappedReadFileStore reopenedFiles = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore reopened = open(file, reopenedFiles);
        try {
            MVMap<Integer, String> posts = reopened.openMap("posts");
            for (int n = 0; n < ENTRIES; n++) {
                assertThat(posts.get(n)).isEqualTo(BODY + "edited 3 " + n);
            }
            assertThat(reopenedFiles.mappedSegments()).isPositive();
        } finally {
            reopened.close();
        }
    }

    @Test
    void keepsReadingAfterTheFileShrinksAndGrowsAgain(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);
        long written = Files.size(file);

        MappedReadFileStore files = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore store = open(file, files);
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            for (int n = 0; n < ENTRIES; n++) {
                posts.get(n); // maps every segment
            }
            for (int n = 0; n < ENTRIES; n++) {
                if (n % 10 != 0) {
                    posts.remove(n);
                }
            }
            store.commit();
            int mappedBefore = files.mappedSegments();
            // moves the chunks to the front and cuts the file after them, once no old version needs the rest
            store.setRetentionTime(0);
            store.setVersionsToKeep(0);
            store.compactFile(10_000);
            long shrunk = Files.size(file);
            assertThat(shrunk).isLessThan(written / 2);
            assertThat(files.mappedSegments()).isLessThan(mappedBefore);
            assertThat((long) files.mappedSegments() << SEGMENT_SHIFT).isLessThanOrEqualTo(shrunk);

            for (int n = 0; n < ENTRIES; n += 10) {
                assertThat(posts.get(n)).isEqualTo(BODY + n);
            }
            for (int n = ENTRIES; n < 2 * ENTRIES; n++) {
                posts.put(n, BODY + n);
            }
            store.commit();
        } finally {
            store.close();
        }

        MVStore reopened = open(file, new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT));
        try {
            MVMap<Integer, String> posts = reopened.openMap("posts");
            assertThat(posts.size()).isEqualTo(ENTRIES / 10 + ENTRIES);
            assertThat(posts.get(1_230)).isEqualTo(BODY + 1_230);
            assertThat(posts.get(2 * ENTRIES - 1)).isEqualTo(BODY + (2 * ENTRIES - 1));
        } finally {
            reopened.close();
        }
    }

    private static void write(Path file, IntFunction<String> body) {
        MVStore store = open(file, new ReusedWriteBufferFileStore(SMALL_CACHE));
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            for (int n = 0; n < ENTRIES; n++) {
                posts.put(n, body.apply(n));
                if (n % 500 == 499) {
                    store.commit(); // several chunks, spread over many segments
                }
            }
        } finally {
            store.close();
        }
    }

    private static MVStore open(Path file, ReusedWriteBufferFileStore files) {
        files.open(file.toString(), false, null);
        return new MVStore.Builder().adoptFileStore(files).autoCommitDisabled().open();
    }
}
