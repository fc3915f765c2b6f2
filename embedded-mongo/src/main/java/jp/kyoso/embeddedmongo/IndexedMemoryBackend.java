package jp.kyoso.embeddedmongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/** mongo-java-server's memory backend with ordered secondary indexes, the planner and the optional strict mode. */
public class IndexedMemoryBackend extends AbstractMongoBackend {

    private final StrictIndexes strictIndexes;

    public IndexedMemoryBackend(StrictIndexes strictIndexes) {
        this.strictIndexes = strictIndexes;
    }

    public IndexedMemoryBackend() {
        this(StrictIndexes.off());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, getCursorRegistry(), strictIndexes);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return Hello.answer(command, query, (name, q) -> super.handleCommand(channel, databaseName, name, q));
    }
}
