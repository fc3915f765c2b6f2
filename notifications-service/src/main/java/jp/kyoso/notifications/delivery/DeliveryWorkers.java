package jp.kyoso.notifications.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.tracing.TraceContinuation;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One worker thread per channel, so that a slow mail server never holds up Slack or the other way round, and both
 * are apart from the Kafka consumers: writing a notice never waits for a delivery.
 */
@Component
public class DeliveryWorkers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

    private final DeliveryStore store;
    private final DeliveryProperties properties;
    private final Map<Channel, DeliveryHandler> handlers = new EnumMap<>(Channel.class);
    private final Map<Channel, Semaphore> wakeUps = new EnumMap<>(Channel.class);
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final TraceContinuation traces;
    private volatile boolean running;
    private ScheduledExecutorService sweeper;

    public DeliveryWorkers(DeliveryStore store, DeliveryProperties properties, List<DeliveryHandler> handlers,
                           Clock clock, DeliveryMetrics metrics, TraceContinuation traces) {
        this.store = store;
        this.metrics = metrics;
        this.traces = traces;
        this.properties = properties;
        this.clock = clock;
        for (DeliveryHandler handler : handlers) {
            checkLease(handler, properties.lease());
            this.handlers.put(handler.channel(), handler);
            this.wakeUps.put(handler.channel(), new Semaphore(0));
        }
    }

    /** Refuses to start with a lease that one attempt can outlast: the sweeper would have it sent twice. */
    static void checkLease(DeliveryHandler handler, Duration lease) {
        Duration longest = handler.longestAttempt();
        if (longest == null || lease.compareTo(longest) <= 0) {
            throw new IllegalStateException("kyoso.delivery.lease (" + lease + ") must be longer than one "
                    + handler.channel() + " attempt can take with its timeouts and retries ("
                    + (longest == null ? "unbounded: set the timeouts" : longest) + ")");
        }
    }

    /** Called after queuing something due now, so it leaves at once instead of at the next poll. */
    public void wakeUp(Channel channel) {
        Semaphore semaphore = wakeUps.get(channel);
        if (semaphore != null && semaphore.availablePermits() == 0) {
            semaphore.release();
        }
    }

    /** One pass over what is due; returns how many deliveries were attempted. Public for tests and benchmarks. */
    public int runOnce(Channel channel) {
        DeliveryHandler handler = handlers.get(channel);
        int attempted = 0;
        for (String id : store.due(channel, clock.instant(), properties.batchSize())) {
            if (!running && attempted > 0) {
                break;
            }
            Document delivery = store.claim(id, clock.instant());
            if (delivery == null || !worthAttempting(delivery)) {
                continue;
            }
            traces.inSpan("deliver " + DeliveryMetrics.name(channel), delivery.getString(DeliveryStore.TRACE_PARENT),
                    () -> attempt(handler, channel, id, delivery));
            attempted++;
        }
        return attempted;
    }

    private Void attempt(DeliveryHandler handler, Channel channel, String id, Document delivery) {
        Outcome outcome;
        try {
            outcome = handler.attempt(delivery);
        } catch (RuntimeException e) {
            log.warn("Delivery {} failed unexpectedly: {}", id, e.toString());
            outcome = Outcome.retry(Messages.get("delivery.unexpected-error", e.getClass().getSimpleName()));
        }
        metrics.recorded(channel, store.record(delivery, outcome, clock.instant()));
        return null;
    }

    /**
     * A FAILED delivery is over. A SENT one is only looked at again if it collects notices (an INSTANT mail, a digest)
     * and collected one after it left: its handler then sends what is left.
     */
    private static boolean worthAttempting(Document delivery) {
        String status = delivery.getString("status");
        if (DeliveryStatus.FAILED.name().equals(status)) {
            return false;
        }
        return !DeliveryStatus.SENT.name().equals(status)
                || Boolean.TRUE.equals(delivery.getBoolean(DeliveryStore.COLLECTS));
    }

    private void loop(Channel channel) {
        Semaphore wakeUp = wakeUps.get(channel);
        while (running) {
            try {
                int attempted = runOnce(channel);
                if (attempted == 0) {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be away for a moment; the queue keeps everything, try again after a pause
                log.warn("{} delivery pass failed, will retry: {}", channel, e.toString());
                try {
                    Thread.sleep(properties.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (Channel channel : handlers.keySet()) {
            // Mail goes out on several connections at once: one SMTP conversation at a time held verification mails
            // to about 15 a second. Slack keeps one worker, because a webhook's messages must keep their order.
            int workers = channel == Channel.EMAIL ? properties.emailWorkers() : 1;
            for (int i = 1; i <= workers; i++) {
                Thread thread = new Thread(() -> loop(channel),
                        "delivery-" + channel.name().toLowerCase() + (workers > 1 ? "-" + i : ""));
                thread.setDaemon(true);
                thread.start();
            }
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "delivery-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long sweep = properties.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int requeued = store.sweep(clock.instant());
                if (requeued > 0) {
                    log.info("Put {} abandoned deliveries back in the queue", requeued);
                }
            } catch (RuntimeException e) {
                log.warn("Delivery sweep failed: {}", e.toString());
            }
        }, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.values().forEach(Semaphore::release);
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the web server and the consumers, stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

}
