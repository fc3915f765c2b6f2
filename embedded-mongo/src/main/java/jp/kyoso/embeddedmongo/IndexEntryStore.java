package jp.kyoso.embeddedmongo;

import java.util.Iterator;
import java.util.Map;

/**
 * Where an {@link OrderedIndex} keeps its entries: encoded key (see {@link IndexKeyEncoder}) → document position,
 * sorted by key. In memory for the memory backend, an MVMap of the same store for the H2 backend.
 */
interface IndexEntryStore<P> {

    void put(String key, P position);

    P remove(String key);

    long size();

    void clear();

    /** Entries with {@code from <= key < toExclusive}, ascending, or descending when {@code reverse}. */
    Iterator<Map.Entry<String, P>> scan(String from, String toExclusive, boolean reverse);

    /** How many entries have {@code from <= key < toExclusive}, without reading their positions. */
    long count(String from, String toExclusive);

    /** Whether the entries were built for every document already (a persisted index is not rebuilt on restart). */
    boolean isBuilt();

    void markBuilt();

    /** Whether some document had an array under one of the keys: such an index cannot give a sort order. */
    boolean isMultikey();

    void markMultikey();

    void drop();
}
