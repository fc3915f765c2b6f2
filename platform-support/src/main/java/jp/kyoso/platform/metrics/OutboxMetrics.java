package jp.kyoso.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.OutboxProperties;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * How far behind the outbox is: {@code kyoso_outbox_pending_documents{collection}} (aggregate documents with events
 * not yet acknowledged by Kafka) and {@code kyoso_outbox_oldest_event_age_seconds} (how long the oldest of them has
 * waited). Both read the relay's partial index only, and at most once per {@link #FRESHNESS} however often they are
 * scraped. The oldest age looks at the first {@link #AGE_SAMPLE} waiting documents: past that the backlog is an
 * incident whatever the exact age.
 */
public class OutboxMetrics implements MeterBinder {
    static final Duration FRESHNESS = Duration.ofSeconds(5);
    static final int AGE_SAMPLE = 500;

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final List<String> collections;
    private final Clock clock;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    public OutboxMetrics(MongoTemplate mongo, OutboxProperties properties, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.collections = properties.collections();
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        relay.countPublishedWith(Counter.builder("kyoso.outbox.published.events")
                .description("Events the broker acknowledged from this service's outbox").register(registry));
        for (String collection : collections) {
            Gauge.builder("kyoso.outbox.pending.documents", () -> sample(collection).pending())
                    .description("Documents with events not yet handed to Kafka")
                    .tag("collection", collection).register(registry);
        }
        Gauge.builder("kyoso.outbox.oldest.event.age", this::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest event not yet handed to Kafka has waited (0 when none waits)")
                .register(registry);
    }

    private double oldestAgeSeconds() {
        Instant now = clock.instant();
        return collections.stream().map(this::sample).filter(sample -> sample.oldest() != null)
                .mapToDouble(sample -> Math.max(0, Duration.between(sample.oldest(), now).toMillis() / 1000.0))
                .max().orElse(0);
    }

    private Sample sample(String collection) {
        Instant now = clock.instant();
        return samples.compute(collection, (name, last) ->
                last != null && last.at().plus(FRESHNESS).isAfter(now) ? last : read(name, now));
    }

    private Sample read(String collection, Instant now) {
        Query waiting = new Query(Criteria.where(OutboxRelay.PENDING_FIELD).exists(true));
        long pending = mongo.count(waiting, collection);
        Instant oldest = null;
        if (pending > 0) {
            Query times = new Query(Criteria.where(OutboxRelay.PENDING_FIELD).exists(true)).limit(AGE_SAMPLE);
            times.fields().include(Outbox.FIELD + ".time");
            for (Document document : mongo.find(times, Document.class, collection)) {
                for (Document event : document.getList(Outbox.FIELD, Document.class, List.of())) {
                    Date time = event.getDate("time");
                    if (time != null && (oldest == null || time.toInstant().isBefore(oldest))) {
                        oldest = time.toInstant();
                    }
                }
            }
        }
        return new Sample(now, pending, oldest);
    }

    private record Sample(Instant at, long pending, Instant oldest) {
    }
}
