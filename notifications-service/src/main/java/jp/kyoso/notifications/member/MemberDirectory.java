package jp.kyoso.notifications.member;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jp.kyoso.notifications.store.RecentReads;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code members}: the projection of {@code kyoso.members.v1}, plus what the posts topic tells about a member (whether
 * they have posted, for the first-post nudge). All events of one member share a partition, so they arrive in order
 * and a read followed by a write cannot race with another event of the same member.
 */
@Component
public class MemberDirectory {
    static final String COLLECTION = "members";
    /** Members kept by {@link #findAllForFanOut}: the watchers of a few busy discussions. */
    static final int RECENT_MAX = 5_000;

    private final MongoTemplate mongo;
    private final RecentReads<Member> recent;

    public MemberDirectory(MongoTemplate mongo, @Value("${kyoso.fanout.recent-reads:5s}") Duration recentReads) {
        this.mongo = mongo;
        this.recent = new RecentReads<>(recentReads, RECENT_MAX);
    }

    public Member find(String memberId) {
        Document document = mongo.findById(memberId, Document.class, COLLECTION);
        return document == null ? null : toMember(document);
    }

    /** Whether the member is active, and since when. */
    public Activation activation(String memberId) {
        Query query = Query.query(Criteria.where("_id").is(memberId));
        query.fields().include("status").include("activatedAt");
        Document document = mongo.findOne(query, Document.class, COLLECTION);
        if (document == null) {
            return new Activation(false, null);
        }
        Date at = document.getDate("activatedAt");
        return new Activation(Member.ACTIVE.equals(document.getString("status")), at == null ? null : at.toInstant());
    }

    /** @param activatedAt null for a member projected before the time was recorded */
    public record Activation(boolean active, Instant activatedAt) {
    }

    public Map<String, Member> findAll(Collection<String> memberIds) {
        Map<String, Member> result = new HashMap<>();
        if (!memberIds.isEmpty()) {
            for (Document document : mongo.find(Query.query(Criteria.where("_id").in(memberIds)), Document.class,
                    COLLECTION)) {
                result.put(document.getString("_id"), toMember(document));
            }
        }
        return result;
    }

    /**
     * {@link #findAll} for a fan-out: records read in the last seconds ({@code kyoso.fanout.recent-reads}) come from
     * memory ({@link RecentReads}). Not for deciding whether a member's data may be written: a member deactivated on
     * another instance may look active here for those seconds.
     */
    public Map<String, Member> findAllForFanOut(Collection<String> memberIds) {
        return recent.getAll(memberIds, this::findAll);
    }

    /** Applies a change unless the member was deactivated: an old event replayed must not bring personal data back. */
    public void update(String memberId, Update update) {
        Member current = find(memberId);
        if (current != null && current.deactivated()) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), update.set("updatedAt", Instant.now()),
                COLLECTION);
        recent.forget(memberId);
    }

    public void activated(String memberId, Update update, Instant activatedAt, Duration nudgeAfter) {
        update(memberId, update.set("status", Member.ACTIVE).set("activatedAt", Date.from(activatedAt))
                .set("nudgeDueAt", Date.from(activatedAt.plus(nudgeAfter))));
    }

    /** Keeps only the id and the fact of deactivation, so that later events of this member change nothing. */
    public void erase(String memberId) {
        Document tombstone = new Document("_id", memberId).append("status", Member.DEACTIVATED)
                .append("updatedAt", Instant.now());
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", memberId), tombstone,
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        recent.forget(memberId);
    }

    /** Posting or replying: the member no longer needs the first-post nudge. */
    public void posted(String memberId) {
        // no nudge is due any more: out of the index members_nudge_due (only members still waiting are in it)
        mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), new Update().set("hasPosted", true)
                .unset("nudgeDueAt"), COLLECTION);
        recent.forget(memberId);
    }

    public List<String> moderatorIds() {
        Query query = Query.query(Criteria.where("status").is(Member.ACTIVE).and("roles").in("MODERATOR", "ADMIN"));
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    /** How many members are active: whom an announcement is for (with its author). Counted on the status index. */
    public long activeCount() {
        return mongo.count(Query.query(Criteria.where("status").is(Member.ACTIVE)), COLLECTION);
    }

    /** Every active member, handed over in chunks, for announcements. */
    public void forEachActiveChunk(int chunkSize, Consumer<List<String>> chunkConsumer) {
        Query query = Query.query(Criteria.where("status").is(Member.ACTIVE));
        query.fields().include("_id");
        query.cursorBatchSize(chunkSize);
        List<String> chunk = new ArrayList<>(chunkSize);
        try (var stream = mongo.stream(query, Document.class, COLLECTION)) {
            stream.forEach(document -> {
                chunk.add(document.getString("_id"));
                if (chunk.size() == chunkSize) {
                    chunkConsumer.accept(List.copyOf(chunk));
                    chunk.clear();
                }
            });
        }
        if (!chunk.isEmpty()) {
            chunkConsumer.accept(List.copyOf(chunk));
        }
    }

    /** Active members who have neither posted nor replied by their nudge time, and were not nudged yet. */
    public List<String> dueForFirstPostNudge(Instant now, int limit) {
        Query query = Query.query(Criteria.where("status").is(Member.ACTIVE).and("hasPosted").ne(true)
                .and("nudgedAt").exists(false).and("nudgeDueAt").lte(Date.from(now))).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    public void nudged(String memberId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), new Update().set("nudgedAt", new Date())
                .unset("nudgeDueAt"), COLLECTION);
        recent.forget(memberId);
    }

    private static Member toMember(Document document) {
        return new Member(document.getString("_id"), document.getString("status"), document.getString("handle"),
                document.getString("displayName"), document.getString("email"),
                document.getList("roles", String.class, List.of()), Boolean.TRUE.equals(document.getBoolean("hasPosted")));
    }
}
