package jp.kyoso.notifications.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts new notices on the live streams: at once on this instance's own streams, and through
 * {@code kyoso.notifications.stream.v1} on every other instance's. The stream is a live view of the inbox, which stays
 * the record: a signal lost with a crashing instance is still in the inbox, and a reconnecting client with
 * {@code Last-Event-ID} gets what it missed.
 *
 * <p>Every instance reads every signal, its own included. The storing instance is named twice: in the record's
 * {@value #ORIGIN_HEADER} header, so that an instance drops its own records without parsing them (parsing them was 3 %
 * of notifications-service's CPU at 50 replies a second), and in the signal itself, for records from before the header.
 */
@Component
public class StreamSignals {
    private static final Logger log = LoggerFactory.getLogger(StreamSignals.class);
    /** Member ids per record: keeps records far below Kafka's default 1 MB limit. */
    private static final int MEMBERS_PER_RECORD = 5000;
    static final String ORIGIN_HEADER = "kyoso_origin";

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final LiveStreams liveStreams;
    private final StreamProperties properties;
    private final String origin;
    private final byte[] originBytes;

    public StreamSignals(KafkaTemplate<String, String> kafka, JsonMapper json, LiveStreams liveStreams,
                         StreamProperties properties, InstanceId instanceId) {
        this.kafka = kafka;
        this.json = json;
        this.liveStreams = liveStreams;
        this.properties = properties;
        this.origin = instanceId.value();
        this.originBytes = origin.getBytes(StandardCharsets.UTF_8);
    }

    public void publish(NotificationContent content, Instant createdAt, NotificationType type, List<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        for (int from = 0; from < memberIds.size(); from += MEMBERS_PER_RECORD) {
            List<String> part = memberIds.subList(from, Math.min(memberIds.size(), from + MEMBERS_PER_RECORD));
            StreamSignal signal = StreamSignal.of(origin, content, createdAt, type, part);
            showLocally(signal);
            ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), content.eventId(),
                    json.writeValueAsString(signal));
            record.headers().add(ORIGIN_HEADER, originBytes);
            kafka.send(record)
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            log.warn("Live-stream signal for event {} not published: {}", content.eventId(),
                                    error.toString());
                        }
                    });
        }
    }

    /**
     * A signal from the topic: shown unless this instance stored the notices (and so showed them already). Returns
     * whether it was read at all: a record whose header names this instance is dropped unread.
     */
    boolean received(Header originHeader, byte[] value) {
        if (originHeader != null && Arrays.equals(originBytes, originHeader.value())) {
            return false;
        }
        StreamSignal signal = json.readValue(value, StreamSignal.class);
        if (!origin.equals(signal.origin())) {
            showLocally(signal);
        }
        return true;
    }

    private void showLocally(StreamSignal signal) {
        for (String memberId : signal.memberIds()) {
            if (liveStreams.hasStream(memberId)) {
                liveStreams.send(memberId, signal.itemFor(memberId));
            }
        }
    }
}
