package jp.kyoso.notifications.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map of what this instance wrote recently, holding at most {@code capacity} entries and forgetting the
 * least recently used first: for skipping writes that would change nothing, where forgetting an entry only costs that
 * write again.
 */
public final class BoundedMemo {
    private BoundedMemo() {
    }

    public static <K, V> Map<K, V> of(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
