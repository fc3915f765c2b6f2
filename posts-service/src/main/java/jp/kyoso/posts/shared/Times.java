package jp.kyoso.posts.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** MongoDB keeps milliseconds: times are cut to milliseconds before they are stored, so cursors compare exactly. */
public final class Times {
    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
