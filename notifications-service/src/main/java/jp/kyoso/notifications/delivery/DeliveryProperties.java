package jp.kyoso.notifications.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval      how often the workers look at the queue when nobody woke them
 * @param maxFailures       failed attempts after which a delivery is FAILED (rate limiting and an open circuit do not
 *                          count: they say nothing about the delivery itself)
 * @param backoffInitial    wait before the second attempt; it grows by {@code backoffMultiplier} up to
 *                          {@code backoffMax}
 * @param lease             how long a claimed delivery belongs to the worker that claimed it; after that the sweeper
 *                          puts it back in the queue (the worker's instance died). Must be longer than one attempt
 *                          can take with the channel's timeouts and retries (checked at start-up), or a slow attempt
 *                          would be sent a second time by another worker
 * @param sweepInterval     how often the sweeper looks for such deliveries
 * @param emailWorkers      mails sent at once by one instance (each claims its delivery, so they never send one twice)
 */
@ConfigurationProperties("kyoso.delivery")
public record DeliveryProperties(Duration pollInterval, Integer batchSize, Integer maxFailures, Duration backoffInitial,
                                 Double backoffMultiplier, Duration backoffMax, Duration lease,
                                 Duration sweepInterval, Integer emailWorkers) {
    public DeliveryProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 50 : batchSize;
        maxFailures = maxFailures == null ? 10 : maxFailures;
        backoffInitial = backoffInitial == null ? Duration.ofSeconds(30) : backoffInitial;
        backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
        backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(2) : sweepInterval;
        emailWorkers = emailWorkers == null || emailWorkers < 1 ? 4 : emailWorkers;
    }
}
