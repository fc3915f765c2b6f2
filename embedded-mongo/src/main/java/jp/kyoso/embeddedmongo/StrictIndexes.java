package jp.kyoso.embeddedmongo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * The test-only rule "every query is served by an index", like mongod's {@code --setParameter notablescan=1}: a query
 * that would read the whole collection fails with MongoDB's own error, code 291 {@code NoQueryExecutionPlans}.
 * <p>
 * A command whose {@code comment} is {@value #ALLOW_SCAN_COMMENT} (Spring Data: {@code Query.comment(...)}) may scan:
 * meant for assertions in tests, never for service code.
 */
public final class StrictIndexes {

    /** System property that switches the strict mode on or off where the caller does not decide. */
    public static final String PROPERTY = "kyoso.mongo.strict-indexes";
    public static final String ALLOW_SCAN_COMMENT = "kyoso:allow-scan";
    static final int NO_QUERY_EXECUTION_PLANS = 291;

    private static final Logger log = LoggerFactory.getLogger(StrictIndexes.class);
    private static final ThreadLocal<Boolean> SCAN_ALLOWED = new ThreadLocal<>();

    private final boolean strict;
    private final Set<String> reportedShapes = ConcurrentHashMap.newKeySet();

    public StrictIndexes(boolean strict) {
        this.strict = strict;
    }

    public static StrictIndexes off() {
        return new StrictIndexes(false);
    }

    /** Strict when the system property says {@code true}, otherwise {@code defaultValue}. */
    public static StrictIndexes fromSystemProperty(boolean defaultValue) {
        String value = System.getProperty(PROPERTY);
        return new StrictIndexes(value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.trim()));
    }

    public boolean isStrict() {
        return strict;
    }

    /** Runs one command with the scan permission its comment gives. */
    static <T> T withComment(Object comment, java.util.function.Supplier<T> command) {
        boolean allowed = comment != null && String.valueOf(comment).contains(ALLOW_SCAN_COMMENT);
        Boolean previous = SCAN_ALLOWED.get();
        SCAN_ALLOWED.set(allowed);
        try {
            return command.get();
        } finally {
            if (previous == null) {
                SCAN_ALLOWED.remove();
            } else {
                SCAN_ALLOWED.set(previous);
            }
        }
    }

    void reject(String shape, String message) {
        if (!strict || Boolean.TRUE.equals(SCAN_ALLOWED.get())) {
            return;
        }
        if (reportedShapes.add(shape)) {
            log.warn("NoQueryExecutionPlans (strict indexes): {}", message);
        }
        throw new MongoServerError(NO_QUERY_EXECUTION_PLANS, "NoQueryExecutionPlans", message);
    }
}
