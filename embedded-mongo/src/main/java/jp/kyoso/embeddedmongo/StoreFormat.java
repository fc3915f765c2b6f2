package jp.kyoso.embeddedmongo;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * How the maps of the store are typed. The library (and this module until the compact format) opened every map with
 * H2's {@code ObjectDataType}: documents Java-serialised, unique-index keys compared by Java-serialising both sides.
 * The compact format ({@link StoredTypes}) writes documents as BSON and keys in a few bytes.
 * <p>
 * MVStore does not remember the types a map was written with, so the store carries a marker,
 * {@value #FORMAT_MAP}{@code [format] = compact-v1}. A store without it was written with {@code ObjectDataType}: every
 * data, unique-index and ordered-index map is copied once, at open, into a map of the compact types which then takes
 * its name (meta maps keep {@code ObjectDataType}: a few small entries). Each map's copy is marked complete before the
 * old map is removed, so a migration interrupted at any point (a background commit included) resumes or finishes on
 * the next open without losing the map.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    static final String FORMAT_MAP = "kyoso.store-format";
    private static final String FORMAT_KEY = "format";
    private static final String COMPACT = "compact-v1";
    private static final String COPY_PREFIX = "kyoso.migrating.";
    private static final String COPY_COMPLETE = "copy-complete";
    private static final String MIGRATED = "migrated";

    private enum Kind { DOCUMENTS, UNIQUE_INDEX, ORDERED_INDEX, OTHER }

    private final MVStore store;
    private final boolean compact;

    private StoreFormat(MVStore store, boolean compact) {
        this.store = store;
        this.compact = compact;
    }

    /** The compact format, migrating a store written with {@code ObjectDataType} first. */
    static StoreFormat compact(MVStore store) {
        StoreFormat format = new StoreFormat(store, true);
        format.migrateIfNeeded();
        return format;
    }

    /** Every map with {@code ObjectDataType}, as before the compact format: only to write old stores in tests. */
    static StoreFormat legacy(MVStore store) {
        return new StoreFormat(store, false);
    }

    MVMap<Object, Document> documents(String name) {
        return open(name, Kind.DOCUMENTS);
    }

    MVMap<KeyValue, Object> uniqueIndex(String name) {
        return open(name, Kind.UNIQUE_INDEX);
    }

    MVMap<String, Object> orderedIndex(String name) {
        return open(name, Kind.ORDERED_INDEX);
    }

    /** Any map of the store with the types its name implies (e.g. to remove or rename it). */
    <K, V> MVMap<K, V> any(String name) {
        return open(name, kindOf(name));
    }

    private <K, V> MVMap<K, V> open(String name, Kind kind) {
        if (!compact || kind == Kind.OTHER) {
            return store.openMap(name);
        }
        return store.openMap(name, new MVMap.Builder<K, V>()
            .keyType(keyType(kind))
            .valueType(valueType(kind)));
    }

    @SuppressWarnings("unchecked")
    private static <K> DataType<K> keyType(Kind kind) {
        return (DataType<K>) switch (kind) {
            case DOCUMENTS -> StoredTypes.ValueType.INSTANCE;
            case UNIQUE_INDEX -> StoredTypes.KeyValueType.INSTANCE;
            case ORDERED_INDEX -> StoredTypes.IndexKeyType.INSTANCE;
            case OTHER -> throw new IllegalArgumentException();
        };
    }

    @SuppressWarnings("unchecked")
    private static <V> DataType<V> valueType(Kind kind) {
        return (DataType<V>) (kind == Kind.DOCUMENTS ? StoredTypes.DocumentType.INSTANCE : StoredTypes.ValueType.INSTANCE);
    }

    private static Kind kindOf(String name) {
        if (name.startsWith(COPY_PREFIX)) {
            return kindOf(name.substring(COPY_PREFIX.length()));
        } else if (name.startsWith(IndexedH2Database.DATABASES_PREFIX)) {
            return Kind.DOCUMENTS;
        } else if (name.contains(IndexedH2Database.ORDERED_INDEX_INFIX)) {
            return Kind.ORDERED_INDEX;
        } else if (name.contains(IndexedH2Database.UNIQUE_INDEX_INFIX)) {
            return Kind.UNIQUE_INDEX;
        }
        return Kind.OTHER;
    }

    private void migrateIfNeeded() {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (COMPACT.equals(format.get(FORMAT_KEY))) {
            return;
        }
        List<String> names = new ArrayList<>(store.getMapNames());
        long started = System.nanoTime();
        long total = 0;
        int maps = 0;
        // a migration interrupted between removing an old map and naming its copy: finish it
        for (String name : names) {
            if (name.startsWith(COPY_PREFIX)) {
                String target = name.substring(COPY_PREFIX.length());
                if (COPY_COMPLETE.equals(format.get(name))) {
                    if (store.hasMap(target) && !MIGRATED.equals(format.get(target))) {
                        store.removeMap(target);
                    }
                    store.renameMap(any(name), target);
                    format.put(target, MIGRATED);
                } else {
                    store.removeMap(name);
                }
                format.remove(name);
            }
        }
        for (String name : names) {
            if (name.startsWith(COPY_PREFIX) || kindOf(name) == Kind.OTHER || !store.hasMap(name)
                || MIGRATED.equals(format.get(name))) {
                continue;
            }
            total += migrate(name, format);
            maps++;
        }
        for (String key : new ArrayList<>(format.keySet())) {
            format.remove(key);
        }
        format.put(FORMAT_KEY, COMPACT);
        store.commit();
        if (maps > 0) {
            log.info("migrated {} maps ({} documents and index entries) of {} to the compact format in {} s", maps, total,
                store.getFileStore() != null ? store.getFileStore().getFileName() : "the in-memory store",
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
    }

    private long migrate(String name, MVMap<String, String> format) {
        String copyName = COPY_PREFIX + name;
        if (store.hasMap(copyName)) {
            store.removeMap(copyName);
        }
        MVMap<Object, Object> old = store.openMap(name);
        MVMap<Object, Object> copy = any(copyName);
        long count = 0;
        Cursor<Object, Object> cursor = old.cursor(null);
        while (cursor.hasNext()) {
            Object key = cursor.next();
            copy.put(key, cursor.getValue());
            count++;
        }
        format.put(copyName, COPY_COMPLETE);
        store.removeMap(old);
        store.renameMap(copy, name);
        format.put(name, MIGRATED);
        format.remove(copyName);
        store.commit();
        log.info("migrated {} entries of '{}' to the compact format", count, name);
        return count;
    }
}
