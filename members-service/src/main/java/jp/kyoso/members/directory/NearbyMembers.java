package jp.kyoso.members.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.organization.Municipalities;
import jp.kyoso.members.organization.Municipality;
import jp.kyoso.members.profile.PublicProfile;
import jp.kyoso.members.support.InputProblems;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The directory ordered by distance from a municipality: nearest town hall first, then newest activation. MongoDB
 * cannot sort by a distance it does not store, so the codes within reach are computed from the catalogue, the
 * matching members are read with a projection of the three sort keys only (a radius holds at most a few thousand of
 * the ~15,000 members), sorted here, and only the page's members are read whole.
 */
@Component
class NearbyMembers {
    private final MongoTemplate mongo;
    private final Municipalities municipalities;

    NearbyMembers(MongoTemplate mongo, Municipalities municipalities) {
        this.mongo = mongo;
        this.municipalities = municipalities;
    }

    private record Candidate(String id, String organizationCode, Instant activatedAt) {
    }

    Page<DirectoryItem> page(List<Criteria> conditions, Municipality centre, int withinKm, int pageSize,
                             String cursor, Function<Member, String> kindOf) {
        Map<String, Double> distances = new HashMap<>();
        for (Municipality m : municipalities.all()) {
            double km = centre.distanceKmTo(m);
            if (km <= withinKm) {
                distances.put(m.code(), km);
            }
        }
        // Codes ordered by distance (then code, so that equal distances still have one order): a code's rank is its
        // place in the sort, and the cursor needs only the code.
        List<String> codes = new ArrayList<>(distances.keySet());
        codes.sort(Comparator.<String>comparingDouble(distances::get).thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            rank.put(codes.get(i), i);
        }

        List<Criteria> all = new ArrayList<>(conditions);
        all.add(Criteria.where("organizationCode").in(codes));
        Query query = Query.query(new Criteria().andOperator(all));
        query.fields().include("organizationCode", "activatedAt");
        Comparator<Candidate> order = Comparator.<Candidate>comparingInt(c -> rank.get(c.organizationCode()))
                .thenComparing(Candidate::activatedAt, Comparator.reverseOrder())
                .thenComparing(Candidate::id, Comparator.reverseOrder());
        List<Candidate> candidates = new ArrayList<>(mongo.find(query, Document.class, Member.COLLECTION).stream()
                .map(d -> new Candidate(d.getString("_id"), d.getString("organizationCode"),
                        instant(d.getDate("activatedAt"))))
                .toList());
        candidates.sort(order);

        int start = 0;
        if (cursor != null) {
            NearCursor after = NearCursor.decode(cursor);
            if (!rank.containsKey(after.organizationCode())) {
                throw InputProblems.malformed("cursor", Messages.get("paging.cursor-invalid"));
            }
            Candidate last = new Candidate(after.id(), after.organizationCode(), after.activatedAt());
            while (start < candidates.size() && order.compare(candidates.get(start), last) <= 0) {
                start++;
            }
        }
        List<Candidate> window = candidates.subList(start, Math.min(candidates.size(), start + pageSize + 1));
        boolean more = window.size() > pageSize;
        List<Candidate> onPage = more ? window.subList(0, pageSize) : window;

        Map<String, Member> members = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(onPage.stream().map(Candidate::id).toList())), Member.class)
                .forEach(m -> members.put(m.id(), m));
        List<DirectoryItem> items = new ArrayList<>();
        for (Candidate c : onPage) {
            Member m = members.get(c.id());
            if (m != null) {
                items.add(new DirectoryItem(PublicProfile.of(m), kindOf.apply(m),
                        Municipality.roundedKm(distances.get(c.organizationCode()))));
            }
        }
        String next = null;
        if (more) {
            Candidate last = onPage.get(onPage.size() - 1);
            next = new NearCursor(last.organizationCode(), last.activatedAt(), last.id()).encode();
        }
        return new Page<>(items, next);
    }

    /** Active members all have one; a missing time sorts as the oldest. */
    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }
}
