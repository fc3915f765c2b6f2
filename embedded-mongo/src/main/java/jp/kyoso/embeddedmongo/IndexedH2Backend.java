package jp.kyoso.embeddedmongo;

import java.util.Map;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 (MVStore) backend with ordered secondary indexes kept in maps of the same store, the planner
 * and the optional strict mode. Opens files written by the library's own {@code H2Backend}; the secondary indexes
 * those files declared are built once, on the first start.
 */
public class IndexedH2Backend extends AbstractMongoBackend {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Backend.class);

    private final MVStore mvStore;
    private final StoreFormat format;
    private final StrictIndexes strictIndexes;
    private final SlowCommands slowCommands;

    /** @param fileName the MVStore file (see {@link #openStore}), or null for a store in memory */
    public IndexedH2Backend(String fileName, StrictIndexes strictIndexes) {
        this(openStore(fileName), strictIndexes);
    }

    public IndexedH2Backend(MVStore mvStore, StrictIndexes strictIndexes) {
        this(mvStore, strictIndexes, true);
    }

    /** {@code compact = false} writes the old format (every map with ObjectDataType): only for migration tests. */
    IndexedH2Backend(MVStore mvStore, StrictIndexes strictIndexes, boolean compact) {
        this(mvStore, strictIndexes, compact, SlowCommands.fromSystemProperty());
    }

    IndexedH2Backend(MVStore mvStore, StrictIndexes strictIndexes, boolean compact, SlowCommands slowCommands) {
        this.mvStore = mvStore;
        this.strictIndexes = strictIndexes;
        this.slowCommands = slowCommands;
        this.format = compact ? StoreFormat.compact(mvStore) : StoreFormat.legacy(mvStore);
        mvStore.getMapNames().stream()
            .filter(mapName -> mapName.startsWith(IndexedH2Database.DATABASES_PREFIX))
            .map(mapName -> {
                String fullName = mapName.substring(IndexedH2Database.DATABASES_PREFIX.length());
                return fullName.substring(0, fullName.indexOf('.') < 0 ? fullName.length() : fullName.indexOf('.'));
            })
            .distinct()
            .forEach(databaseName -> {
                log.info("opening database '{}'", databaseName);
                try {
                    resolveDatabase(databaseName);
                } catch (MongoServerException e) {
                    log.error("Failed to open '{}'", databaseName, e);
                }
            });
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, mvStore, format, getCursorRegistry(), strictIndexes, slowCommands);
    }

    /**
     * The store as the backend opens a file. Durability as with MVStore's defaults: changes are committed (written) by
     * MVStore's background thread every {@value #AUTO_COMMIT_DELAY_MS} ms, and earlier when the unsaved changes exceed
     * the buffer, so a crash loses at most about the last second of acknowledged writes; {@link #close()} writes
     * everything. The other settings trade file size for write CPU (each takes a system property for experiments):
     * <ul>
     * <li>{@code kyoso.mongo.h2.page-split-size} (bytes, here 4 KB, MVStore default 16 KB): a leaf page is rewritten
     * whole at the next commit after any change to it, and Kyoso's writes are scattered (an inbox notice changes a leaf
     * of each of its indexes). At 472,000 posts and replies a row of the scale benchmark made the server write 805 MB
     * with 16 KB pages and 479 MB with 4 KB, warm (README, "The store's size and the live stream");</li>
     * <li>{@code kyoso.mongo.h2.auto-compact-fill-rate} (%, here 80, MVStore default 90): the background compaction
     * rewrites the live pages of the emptiest chunks until the store is this full when idle, and the square of it
     * (80 % → 64 %) while writes go on. The file stays within about 1.6 × its live data. At 40 % (16 % while busy),
     * which cost less CPU per write, the file grew with everything written (805 MB per benchmark row) to 22-24 GB for
     * 11 GB of live data, past what the machine's memory caches, and the live stream's p99 went from 0.2-0.3 s to
     * 9.7-15 s with 265 notices missed in a row; at 80 % it stayed at 16.4 GB through six rows, for about half as much
     * CPU again in this process per row;</li>
     * <li>{@code kyoso.mongo.h2.cache-mb} (MVStore default 16): the page cache, part of the heap;</li>
     * <li>{@code kyoso.mongo.h2.auto-commit-buffer-kb} (MVStore default: 19 MB scaled by the heap);</li>
     * <li>no compression (MVStore's default): it would cost CPU on every page write and read;</li>
     * <li>{@code kyoso.mongo.h2.mapped-reads} (here true, but false on Windows): pages are read through memory mappings
     * of the file, which keep them in memory where the kernel reclaims idle unmapped page cache
     * ({@link MappedReadFileStore}).</li>
     * </ul>
     */
    static MVStore openStore(String fileName) {
        MVStore.Builder builder = new MVStore.Builder();
        if (fileName == null) {
            return builder.open();
        }
        // MVStore reads these three from the configuration its file store is made with
        Map<String, Object> fileConfig = Map.of(
            "pageSplitSize", Integer.getInteger("kyoso.mongo.h2.page-split-size", PAGE_SPLIT_SIZE),
            "autoCompactFillRate", Integer.getInteger("kyoso.mongo.h2.auto-compact-fill-rate", AUTO_COMPACT_FILL_RATE),
            "cacheSize", Integer.getInteger("kyoso.mongo.h2.cache-mb", CACHE_MB));
        ReusedWriteBufferFileStore file = MappedReadFileStore.enabled()
            ? new MappedReadFileStore(fileConfig) : new ReusedWriteBufferFileStore(fileConfig);
        file.open(fileName, false, null);
        builder.adoptFileStore(file);
        Integer autoCommitBufferKb = Integer.getInteger("kyoso.mongo.h2.auto-commit-buffer-kb");
        if (autoCommitBufferKb != null) {
            builder.autoCommitBufferSize(autoCommitBufferKb);
        }
        MVStore store = builder.open();
        store.setAutoCommitDelay(Integer.getInteger("kyoso.mongo.h2.auto-commit-delay-ms", AUTO_COMMIT_DELAY_MS));
        return store;
    }

    static final int AUTO_COMMIT_DELAY_MS = 1000;
    private static final int PAGE_SPLIT_SIZE = 4 * 1024;
    private static final int AUTO_COMPACT_FILL_RATE = 80;
    private static final int CACHE_MB = 16;

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return Hello.answer(command, query, (name, q) -> super.handleCommand(channel, databaseName, name, q));
    }

    public MVStore getMvStore() {
        return mvStore;
    }

    public void commit() {
        mvStore.commit();
    }

    @Override
    public void close() {
        super.close();
        mvStore.close();
    }
}
