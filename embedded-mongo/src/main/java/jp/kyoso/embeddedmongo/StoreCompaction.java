package jp.kyoso.embeddedmongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Shrinks a store file that no server has open to its live pages. MVStore writes changed pages into new chunks and
 * reuses the space of dead ones, but gives the file back only from its end, and under steady writes its background
 * compaction lets chunks fall to a sixth live before rewriting them ({@link IndexedH2Backend#openStore}): after a day
 * of benchmarks the 344,000-post store was 38.7 GB, 26 % of it in chunks and those 36 % live. MVStore's own offline
 * compaction copies every live page into a new file next to the old one, then puts it in the old one's place; an
 * interruption leaves the old file as it was.
 */
public final class StoreCompaction {
    /** The copy is written next to the store, so that the final rename is atomic; this much headroom over the estimate. */
    static final double FREE_SPACE_MARGIN = 1.5;

    private StoreCompaction() {
    }

    /** The file as it was and as it is, and how long the compaction took. */
    public record Result(long bytesBefore, long bytesAfter, Duration took) {
    }

    /** What a store file holds: its size and an estimate of its live pages (what a compaction would keep). */
    public record Usage(long fileBytes, long liveBytes) {
        /** Worth a stop: at least {@value #WORTH_IT_BYTES} bytes, and more than half of them dead. */
        public boolean worthCompacting() {
            return fileBytes >= WORTH_IT_BYTES && liveBytes < fileBytes / 2;
        }
    }

    static final long WORTH_IT_BYTES = 1024L * 1024 * 1024;

    /** Reads the file's chunk statistics without changing it; fails if a server holds it. */
    public static Usage usage(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return usage(store);
        } finally {
            store.closeImmediately();
        }
    }

    /** The same for a store that is open. */
    public static Usage usage(MVStore store) {
        FileStore<?> files = store.getFileStore();
        if (files == null) {
            return new Usage(0, 0);
        }
        long size = files.size();
        // the share of the file in chunks, times the share of the chunks still live
        long live = (long) (size * (files.getFillRate() / 100.0) * (files.getChunksFillRate() / 100.0));
        return new Usage(size, live);
    }

    /**
     * Compacts the file in place. Refuses (IllegalStateException, nothing changed) when its directory lacks room for
     * the copy; fails with MVStore's "file is locked" when a server holds it.
     */
    public static Result compact(Path file) throws IOException {
        Usage usage = usage(file);
        long needed = (long) (usage.liveBytes() * FREE_SPACE_MARGIN);
        long free = Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        if (free < needed) {
            throw new IllegalStateException(String.format("compacting %s needs about %s free next to it, %s is free",
                    file, megabytes(needed), megabytes(free)));
        }
        long started = System.nanoTime();
        MVStore.compact(file.toString(), false, null);
        return new Result(usage.fileBytes(), Files.size(file), Duration.ofNanos(System.nanoTime() - started));
    }

    public static String megabytes(long bytes) {
        return String.format("%,d MB", bytes / (1024 * 1024));
    }
}
