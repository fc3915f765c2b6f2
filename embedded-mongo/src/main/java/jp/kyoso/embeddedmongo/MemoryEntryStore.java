package jp.kyoso.embeddedmongo;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

final class MemoryEntryStore<P> implements IndexEntryStore<P> {

    private final ConcurrentSkipListMap<String, P> entries = new ConcurrentSkipListMap<>();
    private volatile boolean built;
    private volatile boolean multikey;

    @Override
    public void put(String key, P position) {
        entries.put(key, position);
    }

    @Override
    public P remove(String key) {
        return entries.remove(key);
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public void clear() {
        entries.clear();
        multikey = false;
    }

    @Override
    public Iterator<Map.Entry<String, P>> scan(String from, String toExclusive, boolean reverse) {
        if (from.compareTo(toExclusive) >= 0) {
            return java.util.Collections.emptyIterator();
        }
        NavigableMap<String, P> range = entries.subMap(from, true, toExclusive, false);
        return (reverse ? range.descendingMap() : range).entrySet().iterator();
    }

    @Override
    public long count(String from, String toExclusive) {
        return from.compareTo(toExclusive) >= 0 ? 0 : entries.subMap(from, true, toExclusive, false).size();
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    @Override
    public void markBuilt() {
        built = true;
    }

    @Override
    public boolean isMultikey() {
        return multikey;
    }

    @Override
    public void markMultikey() {
        multikey = true;
    }

    @Override
    public void drop() {
        clear();
        built = false;
    }
}
