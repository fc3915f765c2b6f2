package jp.kyoso.platform.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * One shape for every time stamp a service writes as JSON: ISO-8601 in UTC with exactly three fraction digits
 * ({@code 2026-11-28T09:15:00.123Z}). Jackson's default writes as many digits as the value has, so a value fresh from
 * the clock (nanoseconds) and the same value read back from MongoDB (milliseconds) looked different, and a whole second
 * lost its fraction altogether.
 */
public final class ApiTimestamps {
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private ApiTimestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("kyoso-timestamps");
        module.addSerializer(Instant.class, new ValueSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(format(value));
            }
        });
        module.addSerializer(OffsetDateTime.class, new ValueSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(format(value.toInstant()));
            }
        });
        return module;
    }
}
