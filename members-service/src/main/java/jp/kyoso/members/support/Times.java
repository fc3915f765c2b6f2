package jp.kyoso.members.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

public final class Times {
    private Times() {
    }

    /** Now, at the precision MongoDB stores, so that what is returned equals what is read back later. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
