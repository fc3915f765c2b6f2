package jp.kyoso.posts.shared;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Builds event bodies field by field, in the order of docs/events.md, with times as ISO-8601 UTC strings. */
public final class EventJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static EventJson object() {
        return new EventJson();
    }

    public EventJson put(String name, Object value) {
        fields.put(name, value instanceof Instant instant ? instant.toString() : value);
        return this;
    }

    public String toJson() {
        return JSON.writeValueAsString(fields);
    }
}
