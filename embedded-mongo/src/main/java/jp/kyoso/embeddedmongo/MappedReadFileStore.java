package jp.kyoso.embeddedmongo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.SFChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's file read through memory mappings of its whole segments; writes still go through the file channel, into
 * the same page cache.
 *
 * <p>Why: a page of the file read with {@code pread} is page cache that no process maps, and Linux reclaims such pages
 * before mapped ones. Machines that reclaim proactively take them after a minute without use (the benchmark machine's
 * kernel runs a DAMON scheme that pages out unmapped file pages idle for 60 s, and leaves mapped and anonymous pages
 * alone), and each later read of a post, an index leaf or an inbox page waits on the disk. A page read through a
 * mapping stays mapped, so it stays in memory until the machine needs the memory for something else. On the scale
 * benchmark's 5 GB store, after 90-100 s idle, 3.1 of 5.2 GB of the file were left in memory read through the channel
 * and 4.1 of 4.7 GB through the mappings; the live-stream runs at 50 replies/s that followed had p99 1,878 ms, and 801
 * and 205 ms (README, "Performance", "The store read through memory mappings").
 *
 * <p>A page is read through the channel the first time, and then touched through the mapping, which maps it without
 * reading the disk again; later reads copy it from the mapping ({@link Segment} says why not the mapping at once). The
 * launcher's resident memory counts the pages it mapped, which the kernel can still reclaim, unlike heap.
 *
 * <p>Only segments the file fills completely are mapped: a read-only mapping past the end of the file would fail, and
 * MVStore decides the file's length (it appends chunks, and truncates when it shrinks the file). Reads in the last,
 * partial segment, and the rare page that spans two segments, go through the channel as before. MVStore truncates the
 * file while other threads read (when it shrinks the file after moving chunks, and a reader may still hold a moved
 * chunk's old position): a copy from a mapping past the new end would die of SIGBUS ({@link InternalError}), where a
 * read through the channel fails with an error MVStore catches and retries at the chunk's new position. So a truncation
 * waits for the copies under way, then forgets the segments it cuts into before the file is cut. Off with {@code -Dkyoso.mongo.h2.mapped-reads=false}, and on Windows, where a
 * mapped file cannot be truncated.
 */
final class MappedReadFileStore extends ReusedWriteBufferFileStore {
    private static final Logger log = LoggerFactory.getLogger(MappedReadFileStore.class);

    /** 16 MB: a 7 GB store is 448 mappings (the default limit is 65,530), and at most 16 MB is read unmapped. */
    static final int DEFAULT_SEGMENT_SHIFT = 24;

    private final int segmentShift;
    private final long segmentSize;
    private volatile Segment[] segments = new Segment[0];
    private final Object mappingLock = new Object();
    /** Copies from the mappings hold it shared; a truncation holds it alone. */
    private final ReadWriteLock truncation = new ReentrantReadWriteLock();
    private final AtomicLong mappedReads = new AtomicLong();
    /**
     * Opened with the store and closed only after it: on Linux, closing any descriptor of the file drops the process's
     * locks on it, MVStore's file lock included.
     */
    private FileChannel mappable;
    private boolean mappingFailed;

    MappedReadFileStore(Map<String, Object> config) {
        this(config, DEFAULT_SEGMENT_SHIFT);
    }

    MappedReadFileStore(Map<String, Object> config, int segmentShift) {
        super(config);
        this.segmentShift = segmentShift;
        this.segmentSize = 1L << segmentShift;
    }

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("kyoso.mongo.h2.mapped-reads",
                String.valueOf(!System.getProperty("os.name", "").startsWith("Windows"))));
    }

    @Override
    public void open(String fileName, boolean readOnly, char[] encryptionKey) {
        super.open(fileName, readOnly, encryptionKey);
        if (encryptionKey != null || mappable != null) {
            return; // cipher text must be read through the decrypting channel; a second open keeps the first channel
        }
        try {
            mappable = FileChannel.open(Path.of(fileName), StandardOpenOption.READ);
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            log.warn("reading {} without memory mappings: {}", fileName, e.toString());
        }
    }

    @Override
    public ByteBuffer readFully(SFChunk chunk, long position, int length) {
        Lock copying = truncation.readLock();
        copying.lock();
        try {
            Segment segment = segmentHolding(position, length);
            if (segment != null) {
                int offset = (int) (position & (segmentSize - 1));
                if (segment.seen(offset, length)) {
                    byte[] bytes = new byte[length];
                    segment.bytes.get(offset, bytes);
                    readCount.incrementAndGet();
                    readBytes.addAndGet(length);
                    mappedReads.incrementAndGet();
                    return ByteBuffer.wrap(bytes);
                }
                ByteBuffer read = super.readFully(chunk, position, length);
                segment.mapPagesNowCached(offset, length);
                return read;
            }
        } finally {
            copying.unlock();
        }
        return super.readFully(chunk, position, length);
    }

    /**
     * A mapped segment, and which of its pages were read through the channel once and then touched through the
     * mapping.
     *
     * <p>Why not read a page through the mapping the first time: a fault on a page the page cache lacks reads the
     * disk's read-ahead around it (8 MB on the benchmark machine), where a {@code pread} reads little more than asked.
     * Mapped from the first read, a start on a cold page cache read 5.6 of the 8.1 GB store and took 96.4 s, against 1.2
     * GB and 54.8 s through the channel. Read through the channel first, the page is in the page cache when the mapping
     * touches it, and that fault maps it without reading anything.
     */
    private static final class Segment {
        private static final int PAGE_SHIFT = 12;
        final MappedByteBuffer bytes;
        private final AtomicLongArray seen;

        Segment(MappedByteBuffer bytes, long size) {
            this.bytes = bytes;
            this.seen = new AtomicLongArray((int) Math.max(1, (size >>> PAGE_SHIFT) / 64));
        }

        boolean seen(int offset, int length) {
            for (int page = offset >>> PAGE_SHIFT; page <= (offset + length - 1) >>> PAGE_SHIFT; page++) {
                if ((seen.get(page >>> 6) & (1L << page)) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Touches each page of the range through the mapping (now mapped, they stay) and marks them seen. */
        void mapPagesNowCached(int offset, int length) {
            for (int page = offset >>> PAGE_SHIFT; page <= (offset + length - 1) >>> PAGE_SHIFT; page++) {
                bytes.get(page << PAGE_SHIFT);
                long bit = 1L << page;
                seen.getAndAccumulate(page >>> 6, bit, (bits, mark) -> bits | mark);
            }
        }
    }

    /** The mapped segment that holds all of the range, or null when it has to be read through the channel. */
    private Segment segmentHolding(long position, int length) {
        int index = (int) (position >>> segmentShift);
        if (length <= 0 || (position + length - 1) >>> segmentShift != index) {
            return null;
        }
        Segment[] mapped = segments;
        if (index < mapped.length && mapped[index] != null) {
            return mapped[index];
        }
        return map(index);
    }

    private Segment map(int index) {
        synchronized (mappingLock) {
            return mapLocked(index);
        }
    }

    private Segment mapLocked(int index) {
        Segment[] mapped = segments;
        if (index < mapped.length && mapped[index] != null) {
            return mapped[index];
        }
        if (mappable == null || mappingFailed) {
            return null;
        }
        long start = (long) index << segmentShift;
        try {
            if (mappable.size() < start + segmentSize) {
                return null;
            }
            Segment segment = new Segment(mappable.map(FileChannel.MapMode.READ_ONLY, start, segmentSize), segmentSize);
            Segment[] grown = index < mapped.length ? mapped.clone() : Arrays.copyOf(mapped, index + 1);
            grown[index] = segment;
            segments = grown;
            return segment;
        } catch (IOException e) {
            log.warn("reading {} through the channel from now on: mapping it at {} failed: {}", getFileName(), start,
                    e.toString());
            mappingFailed = true;
            return null;
        }
    }

    @Override
    public void truncate(long size) {
        Lock cutting = truncation.writeLock();
        cutting.lock();
        try {
            synchronized (mappingLock) {
                int whole = (int) Math.min(segments.length, size >>> segmentShift);
                if (whole < segments.length) {
                    segments = Arrays.copyOf(segments, whole);
                }
            }
            super.truncate(size);
        } finally {
            cutting.unlock();
        }
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            closeMappings();
        }
    }

    private void closeMappings() {
        Lock closing = truncation.writeLock();
        closing.lock();
        try {
            closeMappingsLocked();
        } finally {
            closing.unlock();
        }
    }

    private void closeMappingsLocked() {
        synchronized (mappingLock) {
            // the mappings themselves end when they are collected; no read reaches them once the store is closed
            segments = new Segment[0];
            if (mappable != null) {
                try {
                    mappable.close();
                } catch (IOException e) {
                    log.warn("closing the mapping channel of {}: {}", getFileName(), e.toString());
                }
                mappable = null;
            }
        }
    }

    /** How many reads were served from the mappings (for tests). */
    long mappedReads() {
        return mappedReads.get();
    }

    /** How many segments are mapped now (for tests). */
    int mappedSegments() {
        return (int) Arrays.stream(segments).filter(segment -> segment != null).count();
    }
}
