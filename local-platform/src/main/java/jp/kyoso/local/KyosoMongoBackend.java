package jp.kyoso.local;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend, plus the commands current MongoDB drivers and Spring Boot send that it lacks.
 * <p>
 * {@code hello} replaced {@code isMaster} in MongoDB 5; Spring Boot's MongoDB health indicator sends it, and without
 * an answer every service's readiness stays DOWN.
 */
final class KyosoMongoBackend extends H2Backend {

    KyosoMongoBackend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document response = super.handleCommand(channel, databaseName, "isMaster", query);
            response.put("isWritablePrimary", Boolean.TRUE);
            return response;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
