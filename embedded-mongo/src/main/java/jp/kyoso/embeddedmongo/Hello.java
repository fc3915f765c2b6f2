package jp.kyoso.embeddedmongo;

import java.util.function.BiFunction;

import de.bwaldvogel.mongo.bson.Document;

/**
 * {@code hello} replaced {@code isMaster} in MongoDB 5; Spring Boot's MongoDB health indicator sends it, and without
 * an answer every service's readiness stays DOWN. Answered as {@code isMaster} plus {@code isWritablePrimary}.
 */
final class Hello {

    private Hello() {
    }

    static Document answer(String command, Document query, BiFunction<String, Document, Document> delegate) {
        if ("hello".equalsIgnoreCase(command)) {
            Document response = delegate.apply("isMaster", query);
            response.put("isWritablePrimary", Boolean.TRUE);
            return response;
        }
        return delegate.apply(command, query);
    }
}
