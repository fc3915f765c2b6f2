package jp.kyoso.platform.consumer;

import java.nio.charset.StandardCharsets;
import jp.kyoso.platform.events.CloudEventHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A received event: its CloudEvents attributes and its JSON data. Consumers read the fields they need from the data
 * themselves, so each service keeps its own view of another service's events.
 */
public record InboundEvent(String id, String type, String source, String subject, String time, JsonNode data,
                           String requestId) {

    public InboundEvent(String id, String type, String source, String subject, String time, JsonNode data) {
        this(id, type, source, subject, time, data, null);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads a record, without asking who sent it: consumers take their records through
     * {@link TrustedSources#accept}, which calls this and then checks the source against the topic.
     */
    public static InboundEvent from(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        String id = header(headers, CloudEventHeaders.ID);
        String type = header(headers, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new InvalidEventException("record without CloudEvents id or type");
        }
        Object payload = message.getPayload();
        String json = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(payload);
        JsonNode data;
        try {
            data = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new InvalidEventException("event " + id + " has a body that is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("event " + id + " has a body that is not a JSON object");
        }
        return new InboundEvent(id, type, header(headers, CloudEventHeaders.SOURCE),
                header(headers, CloudEventHeaders.SUBJECT), header(headers, CloudEventHeaders.TIME), data,
                plain(headers.get(CloudEventHeaders.REQUEST_ID)));
    }

    private static String plain(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }

    /** Spring Cloud Function may present the attributes with another prefix; accept the ones the spec allows. */
    private static String header(MessageHeaders headers, String name) {
        String attribute = name.substring(3);
        for (String candidate : new String[] {name, "ce-" + attribute, "ce." + attribute}) {
            Object value = headers.get(candidate);
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
