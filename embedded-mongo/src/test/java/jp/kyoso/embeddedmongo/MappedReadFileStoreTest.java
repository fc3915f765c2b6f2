package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            for (int n = 0; n < ENTRIES; n++) {
                assertThat(posts.get(n)).isEqualTo(BODY + n);
            }
            assertThat(files.mappedReads()).isPositive();
        } finally {
            store.close();
        }
        assertThat(files.mappedSegments()).isZero();
    }

    @Test
    void seesWhatAnotherChannelWroteIntoASegmentAfterItWasMapped(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);
        long position = (3L << SEGMENT_SHIFT) + 100; // inside the fourth segment, as MVStore writes a chunk there

        MappedReadFileStore files = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore store = open(file, files);
        try {
            long mappedBefore = files.mappedReads();
            byte[] before = bytes(files.readFully(null, position, 64)); // through the channel, then mapped
            assertThat(files.mappedReads()).isEqualTo(mappedBefore);
            assertThat(bytes(files.readFully(null, position, 64))).isEqualTo(before);
            assertThat(files.mappedReads()).isEqualTo(mappedBefore + 1);

            byte[] written = new byte[64];
            Arrays.fill(written, (byte) 0x5a);
            assertThat(before).isNotEqualTo(written);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.write(ByteBuffer.wrap(written), position);
            }

            assertThat(bytes(files.readFully(null, position, 64))).isEqualTo(written);
            assertThat(files.mappedReads()).isEqualTo(mappedBefore + 2);
        } finally {
            store.closeImmediately(); // writes nothing over the bytes written behind its back
        }
    }

    @Test
    void readsBackWhatWasRewrittenIntoTheSpaceOfFreedChunks(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);
        long written = Files.size(file);

        MVStore store = open(file, new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT));
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            // no old version kept: each round's chunks go into the space the previous round freed
            store.setRetentionTime(0);
            store.setVersionsToKeep(0);
            for (int round = 1; round <= 3; round++) {
                for (int n = 0; n < ENTRIES; n++) {
                    posts.put(n, BODY + "edited " + round + " " + n);
                }
                store.commit();
            }
            assertThat(Files.size(file)).isLessThan(3 * written);
        } finally {
            store.close();
        }

        MappedReadFileStore reopenedFiles = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore reopened = open(file, reopenedFiles);
        try {
            MVMap<Integer, String> posts = reopened.openMap("posts");
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the pages again, from the mappings
                for (int n = 0; n < ENTRIES; n++) {
                    assertThat(posts.get(n)).isEqualTo(BODY + "edited 3 " + n);
                }
            }
            assertThat(reopenedFiles.mappedReads()).isPositive();
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

    /** MVStore cuts the file while other threads read: a copy from a mapping must never reach past the new end. */
    @Test
    void readersRacingTheFileBeingCutGetTheirEntries(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        write(file, n -> BODY + n);

        MappedReadFileStore files = new MappedReadFileStore(SMALL_CACHE, SEGMENT_SHIFT);
        MVStore store = open(file, files);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            MVMap<Integer, String> posts = store.openMap("posts");
            AtomicBoolean cutting = new AtomicBoolean(true);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int reader = 0; reader < 2; reader++) {
                int offset = reader;
                reads.add(readers.submit(() -> {
                    int checked = 0;
                    do {
                        for (int n = offset * 10; n < ENTRIES; n += 20) { // entries that stay
                            assertThat(posts.get(n)).isEqualTo(BODY + n);
                            checked++;
                        }
                    } while (cutting.get());
                    return checked;
                }));
            }
            store.setRetentionTime(0);
            store.setVersionsToKeep(0);
            long before = Files.size(file);
            for (int n = 0; n < ENTRIES; n++) {
                if (n % 10 != 0) {
                    posts.remove(n);
                }
            }
            store.commit();
            store.compactFile(10_000);
            cutting.set(false);
            for (Future<Integer> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(Files.size(file)).isLessThan(before);
        } finally {
            readers.shutdownNow();
            store.close();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
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
