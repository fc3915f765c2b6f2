package jp.kyoso.notifications.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * At most {@code kyoso.slack.test.limit} test messages per member within {@code window} (a sliding window of the
 * times of the last sends). Kept in memory, so the limit holds per instance: with several instances a member could
 * send that many per instance, which still keeps any webhook far from being flooded (and the shared per-webhook
 * clock of {@link WebhookThrottle} allows no more than one message a second to it anyway).
 */
@Component
class TestMessageLimit {
    /** Past this many members in the map, those with no send inside the window are dropped. */
    private static final int PRUNE_ABOVE = 1_000;

    private final Map<String, Deque<Instant>> sends = new ConcurrentHashMap<>();
    private final SlackTestProperties properties;
    private final Clock clock;

    TestMessageLimit(SlackTestProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes one send for the member, or throws with the time until the next one is allowed. */
    void take(String memberId) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(properties.window());
        Duration[] refused = new Duration[1];
        sends.compute(memberId, (id, times) -> {
            Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
                recent.pollFirst();
            }
            if (recent.size() >= properties.limit()) {
                refused[0] = Duration.between(windowStart, recent.peekFirst());
            } else {
                recent.addLast(now);
            }
            return recent;
        });
        if (sends.size() > PRUNE_ABOVE) {
            // each under its key's lock, like take() itself
            for (String id : sends.keySet()) {
                sends.computeIfPresent(id, (key, times) -> times.isEmpty() || !times.peekLast().isAfter(windowStart)
                        ? null : times);
            }
        }
        if (refused[0] != null) {
            throw new TooManyTestMessages(seconds(refused[0]), false);
        }
    }

    /** Whole seconds, rounded up, at least one. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
