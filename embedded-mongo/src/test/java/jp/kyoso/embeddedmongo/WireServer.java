package jp.kyoso.embeddedmongo;

import java.net.InetSocketAddress;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/** A bound server and a driver client on it, for the tests. */
final class WireServer implements AutoCloseable {

    final MongoServer server;
    final MongoClient client;

    WireServer(MongoBackend backend) {
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
