package jp.kyoso.notifications.fanout;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import tools.jackson.databind.JsonNode;

/** Reads the fields of an event's data; a missing required field makes the event a dead letter at once. */
public final class EventFields {
    private EventFields() {
    }

    public static String required(InboundEvent event, String field) {
        String value = event.text(field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no " + field);
        }
        return value;
    }

    public static List<String> list(InboundEvent event, String field) {
        JsonNode node = event.data().get(field);
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode value : node) {
                if (value.isString() && !value.asString().isBlank()) {
                    values.add(value.asString());
                }
            }
        }
        return values;
    }

    /** The time in the field, else the event's own time, else now. */
    public static Instant time(InboundEvent event, String field) {
        for (String candidate : new String[] {event.text(field), event.time()}) {
            if (candidate != null) {
                try {
                    return OffsetDateTime.parse(candidate).toInstant();
                } catch (DateTimeParseException e) {
                    // try the next one
                }
            }
        }
        return Instant.now();
    }

    /** Inbox snippets stay short, whatever the producer sends. */
    public static String snippet(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
