package jp.kyoso.embeddedmongo;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Index entries in an MVMap of the backend's own store, next to the documents, so they survive a restart and are
 * written with the same commits. Whether the index is complete ("built") and multikey is kept in a small map of
 * its own, {@value #META_MAP}.
 */
final class MvStoreEntryStore implements IndexEntryStore<Object> {

    static final String META_MAP = "kyoso.index-meta";

    private final MVStore store;
    private final String mapName;
    private final MVMap<String, Object> entries;
    private final MVMap<String, Object> meta;

    MvStoreEntryStore(MVStore store, StoreFormat format, String mapName) {
        this.store = store;
        this.mapName = mapName;
        this.entries = format.orderedIndex(mapName);
        this.meta = store.openMap(META_MAP);
    }

    @Override
    public void put(String key, Object position) {
        entries.put(key, position);
    }

    @Override
    public Object remove(String key) {
        return entries.remove(key);
    }

    @Override
    public long size() {
        return entries.sizeAsLong();
    }

    @Override
    public void clear() {
        entries.clear();
        meta.remove(mapName + "#multikey");
    }

    @Override
    public Iterator<Map.Entry<String, Object>> scan(String from, String toExclusive, boolean reverse) {
        if (from.compareTo(toExclusive) >= 0) {
            return Collections.emptyIterator();
        }
        final String start;
        if (reverse) {
            start = entries.lowerKey(toExclusive);
            if (start == null || start.compareTo(from) < 0) {
                return Collections.emptyIterator();
            }
        } else {
            start = from;
        }
        Cursor<String, Object> cursor = entries.cursor(start, null, reverse);
        return new Iterator<>() {
            private Map.Entry<String, Object> next = advance();

            private Map.Entry<String, Object> advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                String key = cursor.next();
                boolean inside = reverse ? key.compareTo(from) >= 0 : key.compareTo(toExclusive) < 0;
                return inside ? new AbstractMap.SimpleImmutableEntry<>(key, cursor.getValue()) : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<String, Object> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, Object> current = next;
                next = advance();
                return current;
            }
        };
    }

    @Override
    public long count(String from, String toExclusive) {
        if (from.compareTo(toExclusive) >= 0) {
            return 0;
        }
        return insertionPoint(toExclusive) - insertionPoint(from);
    }

    /** How many keys are below {@code key}: MVMap counts them in O(log n) from its page counts. */
    private long insertionPoint(String key) {
        long index = entries.getKeyIndex(key);
        return index >= 0 ? index : -(index + 1);
    }

    @Override
    public boolean isBuilt() {
        return meta.containsKey(mapName + "#built");
    }

    @Override
    public void markBuilt() {
        meta.put(mapName + "#built", Boolean.TRUE);
    }

    @Override
    public boolean isMultikey() {
        return meta.containsKey(mapName + "#multikey");
    }

    @Override
    public void markMultikey() {
        if (!isMultikey()) {
            meta.put(mapName + "#multikey", Boolean.TRUE);
        }
    }

    @Override
    public void drop() {
        meta.remove(mapName + "#built");
        meta.remove(mapName + "#multikey");
        store.removeMap(entries);
    }
}
