package jp.kyoso.members.funnel;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.kyoso.members.member.Member;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Member fields that keep the earliest time something happened (the first post, the funnel's milestones), written
 * with {@code $min}, so that a redelivered, duplicated or out-of-order event leaves the same result.
 *
 * <p>Most events cannot change them: an active member posted before, and {@code $min} with a later time changes
 * nothing. This instance remembers, per member and field, a time the stored value is known to be at or before (it
 * wrote it, and a {@code $min} only ever lowers a value), and does not send a write that could not change anything:
 * at 50 replies a second that was three updates of member documents per reply, for nothing.
 */
@Component
public class EarliestTimes {
    /** member × field pairs remembered (15,000 members with a few milestones each), the least recently used go first */
    static final int REMEMBERED = 100_000;

    private final MongoTemplate mongo;
    private final Map<String, Instant> atOrBefore = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                    return size() > REMEMBERED;
                }
            });

    EarliestTimes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A new set of lowerings, for one event. */
    public Lowering lowering() {
        return new Lowering();
    }

    /** The fields to lower per member; those that cannot change are left out as they are added. */
    public final class Lowering {
        private final Map<String, Map<String, Instant>> byMember = new LinkedHashMap<>();

        private Lowering() {
        }

        /** Lowers the member's field to this time where it is later or missing. */
        public Lowering lower(String memberId, String field, Instant at) {
            Instant known = atOrBefore.get(key(memberId, field));
            if (known == null || at.isBefore(known)) {
                byMember.computeIfAbsent(memberId, id -> new LinkedHashMap<>()).merge(field, at,
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            return this;
        }

        /** Whether nothing is left to write. */
        public boolean isEmpty() {
            return byMember.isEmpty();
        }

        /** One update per member; remembers what it wrote where the member exists. */
        public void write() {
            byMember.forEach((memberId, fields) -> {
                Update update = new Update();
                fields.forEach(update::min);
                long matched = mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), update,
                        Member.class).getMatchedCount();
                if (matched > 0) {
                    fields.forEach((field, at) -> atOrBefore.merge(key(memberId, field), at,
                            (a, b) -> a.isBefore(b) ? a : b));
                }
            });
        }
    }

    private static String key(String memberId, String field) {
        return memberId + '|' + field;
    }
}
