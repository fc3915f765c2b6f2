package jp.kyoso.notifications.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What happens to notices on their way out, per channel as the operator speaks of them ({@code inbox}, {@code mail},
 * {@code slack}):
 * <ul>
 *   <li>{@code kyoso_deliveries_total{channel,outcome}}: {@code sent} and {@code failed} (given up), counted once per
 *       delivery when it reaches that end; a retry is not an outcome (its wait shows in pending);
 *   <li>{@code kyoso_deliveries_pending{channel}}: mail and Slack deliveries still waiting or retrying, counted on the
 *       index {@code deliveries_channel_status_newest} at most once per {@link #FRESHNESS}.
 * </ul>
 * An inbox notice is delivered when it is stored: it counts as sent then.
 */
@Component
public class DeliveryMetrics {
    static final Duration FRESHNESS = Duration.ofSeconds(5);
    private static final List<String> WAITING = List.of(DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name());

    private final Map<Channel, Counter> sent = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failed = new EnumMap<>(Channel.class);
    private final Counter inboxStored;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<Channel, Pending> pending = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry, MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            sent.put(channel, counter(registry, name(channel), "sent"));
            failed.put(channel, counter(registry, name(channel), "failed"));
            Gauge.builder("kyoso.deliveries.pending", () -> pending(channel))
                    .description("Deliveries waiting for their first attempt or for a retry")
                    .tag("channel", name(channel)).register(registry);
        }
        inboxStored = counter(registry, "inbox", "sent");
    }

    /** The operator's word for the channel: mail rather than EMAIL. */
    static String name(Channel channel) {
        return channel == Channel.EMAIL ? "mail" : channel.name().toLowerCase(Locale.ROOT);
    }

    private static Counter counter(MeterRegistry registry, String channel, String outcome) {
        return Counter.builder("kyoso.deliveries").description("Deliveries that reached an end")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    /** After a turn has been recorded; {@code status} is what the store wrote (null: no change of status). */
    void recorded(Channel channel, DeliveryStatus status) {
        if (status == DeliveryStatus.SENT) {
            sent.get(channel).increment();
        } else if (status == DeliveryStatus.FAILED) {
            failed.get(channel).increment();
        }
    }

    /** New notices stored in members' inboxes. */
    public void storedInInboxes(long notices) {
        if (notices > 0) {
            inboxStored.increment(notices);
        }
    }

    private double pending(Channel channel) {
        Instant now = clock.instant();
        return pending.compute(channel, (key, last) -> last != null && last.at().plus(FRESHNESS).isAfter(now) ? last
                : new Pending(now, mongo.count(Query.query(Criteria.where("channel").is(key.name())
                        .and("status").in(WAITING)), DeliveryStore.COLLECTION))).count();
    }

    private record Pending(Instant at, long count) {
    }
}
