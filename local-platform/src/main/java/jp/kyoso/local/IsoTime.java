package jp.kyoso.local;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Time stamps as the public contract writes them: ISO-8601 with offset.
 */
final class IsoTime {

    private IsoTime() {
    }

    static String of(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneId.systemDefault()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static String now() {
        return of(Instant.now());
    }
}
