package jp.kyoso.platform.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Forgets handled-event marks past their retention now and then, so that {@code processed_events} stays as large as a
 * fortnight of events and not as large as the platform's whole history. Its own daemon thread, so that no service has
 * to enable scheduling for it.
 */
public final class ProcessedEventsPurge implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProcessedEventsPurge.class);
    private static final int BATCH = 1_000;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processed-events-purge");
        thread.setDaemon(true);
        return thread;
    });

    public ProcessedEventsPurge(ProcessedEvents marks, ConsumerProperties properties) {
        long interval = properties.purgeInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                long removed;
                do {
                    removed = marks.purgeOlderThan(properties.processedRetention(), BATCH);
                } while (removed == BATCH);
            } catch (RuntimeException e) {
                log.warn("Could not purge the old processed-event marks: {}", e.getMessage());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
