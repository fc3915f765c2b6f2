package jp.kyoso.embeddedmongo;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's single file, serialising each commit into a buffer as large as the largest commit so far, kept for the next.
 *
 * <p>MVStore reuses write buffers of at most 4 MB. A busy second of this server writes a chunk of 14–20 MB, so each
 * commit started again from a new 1 MB buffer and grew it seven times (about 64 MB allocated and copied per commit).
 * The larger copies, still in use when a young collection came, were promoted and filled the old generation: a full
 * collection of 100–270 ms every few seconds, during which no command is answered (README, "Performance").
 */
class ReusedWriteBufferFileStore extends SingleFileStore {
    /** MVStore keeps buffers up to this size itself ({@code FileStore.releaseWriteBuffer}). */
    static final int KEPT_BY_MVSTORE = 4 * 1024 * 1024;
    /** Larger buffers are dropped after their commit, as MVStore drops those over 4 MB: a one-off bulk write's. */
    static final int LARGEST_KEPT = 64 * 1024 * 1024;

    private final AtomicReference<WriteBuffer> kept = new AtomicReference<>();
    private volatile int largestCommit;

    ReusedWriteBufferFileStore(Map<String, Object> config) {
        super(config);
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        WriteBuffer buffer = kept.getAndSet(null);
        if (buffer != null) {
            return buffer.clear();
        }
        int size = largestCommit;
        return size > KEPT_BY_MVSTORE ? new WriteBuffer(size) : super.getWriteBuffer();
    }

    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        int capacity = buffer.capacity();
        if (capacity <= KEPT_BY_MVSTORE) {
            super.releaseWriteBuffer(buffer);
            return;
        }
        if (capacity > LARGEST_KEPT) {
            return;
        }
        if (capacity > largestCommit) {
            largestCommit = capacity;
        }
        // WriteBuffer.clear() goes back to the array the buffer was made with when it has grown beyond 4 MB since:
        // such a buffer is dropped, and the next one is made at the size it reached
        if (buffer.clear().capacity() == capacity) {
            kept.compareAndSet(null, buffer);
        }
    }
}
