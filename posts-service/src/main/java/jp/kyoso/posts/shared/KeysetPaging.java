package jp.kyoso.posts.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Keyset paging over a time field and the id: the query asks for the items after the cursor in (time, id) order, one
 * more than the limit, and the extra item only says that there is a next page. A page never repeats or skips an item
 * because others were added meanwhile.
 */
public final class KeysetPaging {
    private static final String ID = "_id";

    private KeysetPaging() {
    }

    /** Adds the condition "after the cursor", the order and the limit (+ 1) to the query. */
    public static Query after(Query query, String cursor, String timeField, Sort.Direction direction, int limit) {
        Cursors.Keyset after = Cursors.parseKeyset(cursor);
        if (after != null) {
            boolean descending = direction == Sort.Direction.DESC;
            Criteria beyondTime = descending ? Criteria.where(timeField).lt(after.at())
                    : Criteria.where(timeField).gt(after.at());
            Criteria sameTime = Criteria.where(timeField).is(after.at());
            sameTime = descending ? sameTime.and(ID).lt(after.id()) : sameTime.and(ID).gt(after.id());
            query.addCriteria(new Criteria().orOperator(beyondTime, sameTime));
        }
        return query.with(Sort.by(direction, timeField, ID)).limit(limit + 1);
    }

    /**
     * @param found what {@link #after} found: at most limit + 1 items
     * @param time  the item's value of the time field of the query
     */
    public static <T, V> Page<V> page(List<T> found, int limit, Function<T, V> view, Function<T, Instant> time,
                                      Function<T, String> id) {
        int size = Math.min(limit, found.size());
        List<V> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(view.apply(found.get(i)));
        }
        String next = null;
        if (found.size() > limit) {
            T last = found.get(limit - 1);
            next = Cursors.keyset(time.apply(last), id.apply(last));
        }
        return new Page<>(items, next);
    }
}
