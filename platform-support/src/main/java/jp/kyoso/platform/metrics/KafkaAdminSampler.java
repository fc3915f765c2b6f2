package jp.kyoso.platform.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A gauge source that asks the broker in the background, on its own thread and admin client, so that a scrape never
 * waits on Kafka; while the broker is away the last values stay (readiness already says so).
 */
public abstract class KafkaAdminSampler implements SmartLifecycle {
    /** Each admin call's bound. */
    protected static final int TIMEOUT_MS = 5000;
    private static final Logger log = LoggerFactory.getLogger(KafkaAdminSampler.class);

    private final Map<String, Object> adminConfig;
    private final Duration interval;
    private final String threadName;
    private volatile AdminClient admin;
    private volatile ScheduledExecutorService sampler;

    protected KafkaAdminSampler(Map<String, Object> adminConfig, Duration interval, String threadName) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.interval = interval;
        this.threadName = threadName;
    }

    /** Reads the broker and updates the gauges. */
    protected abstract void sample(AdminClient client) throws Exception;

    /** One sample now (tests need not wait for the schedule); nothing before start. */
    public void sample() throws Exception {
        AdminClient client = admin;
        if (client != null) {
            sample(client);
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("{} not sampled: {}", threadName, e.toString());
        }
    }

    @Override
    public void start() {
        admin = AdminClient.create(adminConfig);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = sampler;
        if (current != null) {
            current.shutdownNow();
        }
        AdminClient client = admin;
        admin = null;
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public boolean isRunning() {
        return admin != null;
    }
}
