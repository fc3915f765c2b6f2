package jp.kyoso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import jp.kyoso.embeddedmongo.IndexedH2Backend;
import jp.kyoso.embeddedmongo.StrictIndexes;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server, with the secondary indexes of the
 * embedded-mongo module) and keeps its data and indexes in an H2 MVStore file, so that both survive restarts. Each
 * service uses its own database on it. The strict index mode stays off here unless
 * {@code -Dkyoso.mongo.strict-indexes=true}: a running platform answers slow queries rather than refusing them.
 */
final class MongoWireServer {

    private final Path storeFile;
    private final int port;
    private MongoServer server;

    MongoWireServer(Path dataDir, int port) {
        this.storeFile = dataDir.resolve("mongo").resolve("kyoso.mv");
        this.port = port;
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
        MongoServer mongoServer = new MongoServer(backend);
        try {
            mongoServer.bind("localhost", port);
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

    String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }
}
