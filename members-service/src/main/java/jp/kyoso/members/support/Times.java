package jp.kyoso.members.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

public final class Times {
    /** The days of positions and moves are Japanese days: an April 1 move is April 1 in Japan. */
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private Times() {
    }

    /** Now, at the precision MongoDB stores, so that what is returned equals what is read back later. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The day it is now in Japan. */
    public static LocalDate today() {
        return LocalDate.now(JST);
    }
}
