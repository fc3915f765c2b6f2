package jp.kyoso.platform.outbox;

import java.time.Instant;
import java.util.UUID;
import jp.kyoso.platform.tracing.TraceParents;
import jp.kyoso.platform.web.RequestIdFilter;
import org.slf4j.MDC;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * An event waiting in an aggregate's own document until the relay has handed it to Kafka.
 *
 * <p>The embedded MongoDB-wire server has no multi-document transactions, so the event is written in the same
 * single-document update as the state change it describes: both become durable together or not at all.
 *
 * @param eventId CloudEvents id, also the consumers' idempotency key
 * @param topic   Kafka topic
 * @param key     record key: the aggregate id, so that one aggregate's events stay in order
 * @param type    CloudEvents type, for example {@code kyoso.members.MemberRegistered.v1}
 * @param subject CloudEvents subject: the aggregate id
 * @param time    when the state change happened
 * @param data    the JSON body
 * @param requestId the {@code X-Request-Id} of the request that caused the change, so that the consumers' log lines
 *                  carry it too; null outside a request
 * @param traceParent the W3C {@code traceparent} of the span that caused the change, sent as a record header so
 *                    that the consumers' spans join the same trace; null where no span was current
 */
public record PendingEvent(String eventId, String topic, String key, String type, String subject, Instant time,
                           String data, String requestId, String traceParent) {

    /** The constructor Spring Data reads stored events with. */
    @PersistenceCreator
    public PendingEvent {
    }

    public PendingEvent(String eventId, String topic, String key, String type, String subject, Instant time,
                        String data) {
        this(eventId, topic, key, type, subject, time, data, MDC.get(RequestIdFilter.MDC_KEY), TraceParents.current());
    }

    public static PendingEvent of(String topic, String key, String type, String data) {
        return new PendingEvent(UUID.randomUUID().toString(), topic, key, type, key, Instant.now(), data);
    }
}
