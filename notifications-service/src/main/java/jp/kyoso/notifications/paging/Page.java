package jp.kyoso.notifications.paging;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as every list of the API answers: {@code {items, nextCursor}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * @param fetched    up to {@code size + 1} items in list order: one more than the page shows tells that there is a
     *                   next page
     * @param positionOf the keyset position of an item, which the next page starts after
     */
    public static <T> Page<T> of(List<T> fetched, int size, Function<T, KeysetCursor> positionOf) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        return new Page<>(fetched.subList(0, size), positionOf.apply(fetched.get(size - 1)).encode());
    }
}
