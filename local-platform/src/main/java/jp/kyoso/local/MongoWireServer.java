package jp.kyoso.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import jp.kyoso.embeddedmongo.IndexedH2Backend;
import jp.kyoso.embeddedmongo.StoreCompaction;
import jp.kyoso.embeddedmongo.StrictIndexes;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server, with the secondary indexes of the
 * embedded-mongo module) and keeps its data and indexes in an H2 MVStore file, so that both survive restarts. Each
 * service uses its own database on it. The strict index mode stays off here unless
 * {@code -Dkyoso.mongo.strict-indexes=true}: a running platform answers slow queries rather than refusing them.
 */
final class MongoWireServer {
    /**
     * Netty threads that read, run and answer the commands. Each connection stays on one thread, and a command that
     * waits for its collection's lock holds that thread, so every other connection on it waits too. With Netty's
     * default (two per core: 4 here) the notifications consumer's inserts waited behind posts-service's writes; with
     * one thread for about every connection the services open, a command waits only for its own collection.
     */
    static final int WORKER_THREADS = Integer.getInteger("kyoso.mongo.worker-threads", 32);

    private final Path storeFile;
    private final int port;
    private MongoServer server;
    private StoreCompaction.Usage usageAtStart;

    MongoWireServer(Path dataDir, int port) {
        this.storeFile = storeFile(dataDir);
        this.port = port;
    }

    /** The H2 MVStore file that holds every database of the server. */
    static Path storeFile(Path dataDir) {
        return dataDir.resolve("mongo").resolve("kyoso.mv");
    }

    synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("mongo is already running");
        }
        Files.createDirectories(storeFile.getParent());
        IndexedH2Backend backend;
        try {
            backend = new IndexedH2Backend(storeFile.toAbsolutePath().toString(), StrictIndexes.fromSystemProperty(false));
        } catch (RuntimeException e) {
            // the usual cause is another launcher holding the file lock
            throw new PlatformStartException("could not open the MongoDB data file " + storeFile + ": "
                    + e.getMessage(), e);
        }
        usageAtStart = StoreCompaction.usage(backend.getMvStore());
        MongoServer mongoServer = new MongoServer(backend);
        try {
            mongoServer.bind(new InetSocketAddress("localhost", port), 1, WORKER_THREADS);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        server = mongoServer;
    }

    /** Also closes the H2 store, which writes what is still buffered. */
    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }

    /** A line for the operator when the file is mostly dead pages, else null. */
    String compactionHint() {
        StoreCompaction.Usage usage = usageAtStart;
        if (usage == null || !usage.worthCompacting()) {
            return null;
        }
        return "the MongoDB data file is " + StoreCompaction.megabytes(usage.fileBytes()) + ", about "
                + StoreCompaction.megabytes(usage.liveBytes()) + " of it live data: ./kyoso compact, while Kyoso is"
                + " stopped, gives the rest back";
    }

    String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }
}
