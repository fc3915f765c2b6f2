package jp.kyoso.notifications.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Documents a fan-out read, kept a few seconds in this instance: in a busy discussion every reply notifies the same
 * watchers, and reading their member records and settings again for each reply was two of the seven round trips on
 * the posts consumer's one thread (README "Performance"). A store forgets a key as soon as it writes it here, so this
 * instance reads its own writes; a change another instance wrote is seen within the time to live. Absent documents
 * are remembered as absent.
 *
 * @param <V> what the store makes of a document
 */
public final class RecentReads<V> {
    private final Cache<String, Optional<V>> recent;
    private final AtomicLong writes = new AtomicLong();
    private final boolean enabled;

    /** @param timeToLive zero or less: nothing is kept, every read goes to the database */
    public RecentReads(Duration timeToLive, int maxEntries) {
        this.enabled = timeToLive != null && !timeToLive.isNegative() && !timeToLive.isZero();
        this.recent = Caffeine.newBuilder().expireAfterWrite(enabled ? timeToLive : Duration.ofNanos(1))
                .maximumSize(maxEntries).build();
    }

    /**
     * The documents of these keys that exist: those read recently from memory, the others by one call of
     * {@code load} (which returns what it found, by key).
     */
    public Map<String, V> getAll(Collection<String> keys, Function<List<String>, Map<String, V>> load) {
        if (!enabled) {
            return load.apply(List.copyOf(keys));
        }
        Map<String, V> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            Optional<V> known = recent.getIfPresent(key);
            if (known == null) {
                missing.add(key);
            } else {
                known.ifPresent(value -> found.put(key, value));
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long writesBefore = writes.get();
        Map<String, V> loaded = load.apply(missing);
        for (String key : missing) {
            V value = loaded.get(key);
            if (value != null) {
                found.put(key, value);
            }
            recent.put(key, Optional.ofNullable(value));
        }
        // a write since the load began may have come after the read: what was read is returned, not kept. Kept first
        // and dropped after, so that a write whose forget() comes later than this check drops it itself.
        if (writes.get() != writesBefore) {
            recent.invalidateAll(missing);
        }
        return found;
    }

    /** To be called by every write of the key's document. */
    public void forget(String key) {
        writes.incrementAndGet();
        recent.invalidate(key);
    }
}
