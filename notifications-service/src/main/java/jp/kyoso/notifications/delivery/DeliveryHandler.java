package jp.kyoso.notifications.delivery;

import java.time.Duration;
import org.bson.Document;

/** Sends one claimed delivery of its channel. Runs on that channel's worker thread only. */
public interface DeliveryHandler {
    Channel channel();

    Outcome attempt(Document delivery);

    /**
     * The longest one {@link #attempt} can take with the configured timeouts and retries, or null if it has no bound
     * (a timeout is not set). The delivery lease must be longer, or a slow attempt would be swept back into the queue
     * and sent a second time by another worker while it is still running.
     */
    Duration longestAttempt();
}
