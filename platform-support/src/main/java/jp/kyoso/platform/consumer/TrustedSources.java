package jp.kyoso.platform.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The one door every consumer's records come in by: {@link #accept} reads the record as an {@link InboundEvent} and
 * lets it through only if its CloudEvents {@code source} is one the topic trusts ({@link TrustedSourcesProperties}).
 * A type that matches is not enough: anyone who can write to the broker could otherwise put a
 * {@code SendVerificationMail} command on the bus and have Kyoso's own mail server send their link.
 *
 * <p>A refused record throws {@link UntrustedSourceException}, so it goes to the consumer's dead-letter topic, and
 * counts in {@value #REJECTED} (tags {@code topic}, {@code reason}). The WARN line names the event id, type and the
 * claimed source, never the payload (it may hold personal data).
 */
public class TrustedSources {
    /** Records refused at the door, by topic and reason. */
    public static final String REJECTED = "kyoso.events.rejected";
    public static final String UNTRUSTED_SOURCE = "untrusted-source";
    public static final String MISSING_SOURCE = "missing-source";
    public static final String UNKNOWN_TOPIC = "unknown-topic";
    private static final Logger log = LoggerFactory.getLogger(TrustedSources.class);
    private static final int MAX_LOGGED = 120;

    private final Map<String, List<String>> trusted;
    private final MeterRegistry meters;

    public TrustedSources(TrustedSourcesProperties properties, MeterRegistry meters) {
        this.trusted = properties.trustedSources();
        this.meters = meters;
    }

    /** The record as an event, if its source is trusted on the topic it came from. */
    public InboundEvent accept(Message<?> message) {
        InboundEvent event = InboundEvent.from(message);
        String topic = topic(message);
        List<String> allowed = topic == null ? null : allowedOn(topic);
        if (allowed == null || allowed.isEmpty()) {
            throw reject(topic, UNKNOWN_TOPIC, event);
        }
        if (event.source() == null || event.source().isBlank()) {
            throw reject(topic, MISSING_SOURCE, event);
        }
        if (!allowed.contains(event.source())) {
            throw reject(topic, UNTRUSTED_SOURCE, event);
        }
        return event;
    }

    /** The sources trusted on the topic: those of the longest matching prefix, or null when none matches. */
    public List<String> allowedOn(String topic) {
        String best = null;
        for (String prefix : trusted.keySet()) {
            boolean matches = topic.equals(prefix) || topic.startsWith(prefix + ".");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : trusted.get(best);
    }

    private UntrustedSourceException reject(String topic, String reason, InboundEvent event) {
        String topicTag = topic == null ? "none" : topic;
        Counter.builder(REJECTED).description("Records refused because of their CloudEvents source")
                .tag("topic", topicTag).tag("reason", reason).register(meters).increment();
        log.warn("Refused event {} ({}) on {}: {} (source {})", printable(event.id()),
                printable(event.type()), topicTag, reason, printable(event.source()));
        return new UntrustedSourceException("event " + printable(event.id()) + " on " + topicTag + ": " + reason);
    }

    private static String topic(Message<?> message) {
        Object topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        if (topic instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return topic == null ? null : topic.toString();
    }

    /** Claimed attributes come from whoever wrote the record: no line breaks or control characters into the log. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_LOGGED ? clean.substring(0, MAX_LOGGED) + "…" : clean;
    }
}
