package jp.kyoso.platform.idempotency;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The generic {@code Idempotency-Key} of POST requests.
 *
 * @param enabled          on by default; off, POSTs run every time whatever their header says
 * @param retention        how long a key is remembered after its first use (clients count on at least 24 hours)
 * @param excludedPaths    POST paths (Ant patterns, e.g. {@code /api/posts/*}{@code /replies}) the filter leaves alone:
 *                         those that answer with secrets (tokens of a login, a refresh, a token exchange: a repeated
 *                         login is harmless, and a stored answer would keep a usable token in the database for a day)
 *                         and those that are idempotent by their own means
 * @param pendingTimeout   a first request unfinished after this long is taken to have died with its instance: a retry
 *                         then runs again instead of waiting for it
 * @param purgeInterval    how often expired keys are removed by the service itself, for servers without TTL indexes
 * @param maxStoredBytes   larger answers are not kept (the retry runs again), so that a record stays well inside a
 *                         MongoDB document
 */
@ConfigurationProperties("kyoso.idempotency")
public record IdempotencyProperties(Boolean enabled, Duration retention, List<String> excludedPaths,
                                    Duration pendingTimeout, Duration purgeInterval, Integer maxStoredBytes) {
    public IdempotencyProperties {
        enabled = enabled == null || enabled;
        retention = retention == null ? Duration.ofHours(24) : retention;
        excludedPaths = excludedPaths == null ? List.of() : List.copyOf(excludedPaths);
        pendingTimeout = pendingTimeout == null ? Duration.ofMinutes(1) : pendingTimeout;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
        maxStoredBytes = maxStoredBytes == null ? 1024 * 1024 : maxStoredBytes;
    }
}
