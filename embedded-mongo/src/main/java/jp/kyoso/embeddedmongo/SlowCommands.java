package jp.kyoso.embeddedmongo;

import java.util.function.Consumer;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names every command that took at least the threshold, as mongod's slow-operation log does ({@code slowms}). The time
 * includes the wait for the collection: mongo-java-server answers one command at a time per collection, reads
 * included, so a slow read shows here twice, once itself and once in the writes that waited behind it.
 */
final class SlowCommands {
    /** System property: the threshold in milliseconds (default 100, as mongod's); below zero, nothing is timed. */
    static final String PROPERTY = "kyoso.mongo.slow-command-ms";
    private static final Logger log = LoggerFactory.getLogger(SlowCommands.class);

    private final long thresholdNanos;
    private final Consumer<String> report;

    SlowCommands(long thresholdMillis, Consumer<String> report) {
        this.thresholdNanos = thresholdMillis < 0 ? -1 : thresholdMillis * 1_000_000;
        this.report = report;
    }

    static SlowCommands fromSystemProperty() {
        return new SlowCommands(Long.getLong(PROPERTY, 100), log::info);
    }

    Document timed(String database, String command, Document query, Supplier<Document> run) {
        if (thresholdNanos < 0) {
            return run.get();
        }
        long start = System.nanoTime();
        try {
            return run.get();
        } finally {
            long took = System.nanoTime() - start;
            if (took >= thresholdNanos) {
                Object collection = query.get(command);
                report.accept("slow command: " + database + (collection instanceof String ? "." + collection : "")
                    + " " + command + " took " + took / 1_000_000 + " ms");
            }
        }
    }
}
