package jp.kyoso.posts.search;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * How posts-service reads its search index. Either way the operating system's page cache holds the hot part of the
 * index, outside the 160 MB heap; the difference is whose resident memory the cached pages count in.
 */
public enum IndexAccess {
    /**
     * Positional reads into small buffers ({@link NIOFSDirectory}): the cached pages stay the kernel's and are not
     * part of the service's resident set. The default: mapped, the index pages a load had touched stayed in the
     * service's resident memory when idle (33 MB of a 300,000-post index), over its 300 MB budget (README,
     * "Performance"). Such a read closes the file for every reader if its thread is interrupted meanwhile, and
     * nothing in posts-service interrupts a thread that searches or indexes.
     */
    READ {
        @Override
        Directory open(Path directory) throws IOException {
            return new NIOFSDirectory(directory);
        }
    },
    /** Memory-mapped ({@link MMapDirectory}): no copy per read, for hosts where resident memory is not the limit. */
    MAPPED {
        @Override
        Directory open(Path directory) throws IOException {
            return new MMapDirectory(directory);
        }
    };

    abstract Directory open(Path directory) throws IOException;
}
