package jp.kyoso.members.support;

import java.util.function.Supplier;
import jp.kyoso.platform.web.ApiProblem;

/**
 * Read, decide, write-if-unchanged (a condition on {@code version}), and read again when another write came first.
 * Three tries: two writers of one member within milliseconds happen; three in a row mean something is hammering it.
 */
public final class OptimisticRetry {
    private static final int ATTEMPTS = 3;

    private OptimisticRetry() {
    }

    /**
     * Runs {@code attempt} until it returns a result; {@code null} means "a concurrent write won, read again".
     * After the last try the caller gets 409 with {@code conflictMessage}.
     */
    public static <T> T untilUnchanged(Supplier<T> attempt, String conflictMessage) {
        for (int i = 0; i < ATTEMPTS; i++) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
        }
        throw ApiProblem.conflict(conflictMessage);
    }
}
