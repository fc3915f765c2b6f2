package jp.kyoso.members.organization;

import java.time.Instant;
import java.util.Optional;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Gives members who registered before codes were linked automatically the code their organization's name spells
 * exactly (「久米島町」 → 473618), once: at the first start of this version, recorded in {@code startup_tasks} so that
 * a member who later clears their code on purpose keeps it cleared. Only members without a code are read (with a
 * projection), and each link is one conditional single-document update, so two instances starting at once, or a
 * crash half-way and a second run, link each member once and publish one event.
 */
@Component
public class OrganizationCodeBackfill {
    static final String TASKS = "startup_tasks";
    static final String TASK = "link-organization-codes-v1";

    private static final Logger log = LoggerFactory.getLogger(OrganizationCodeBackfill.class);

    private final MongoTemplate mongo;
    private final Municipalities municipalities;
    private final OutboxRelay relay;

    OrganizationCodeBackfill(MongoTemplate mongo, Municipalities municipalities, OutboxRelay relay) {
        this.mongo = mongo;
        this.municipalities = municipalities;
        this.relay = relay;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onceAtStartup() {
        if (mongo.exists(Query.query(Criteria.where("_id").is(TASK)), TASKS)) {
            return;
        }
        int linked = linkMissingCodes();
        mongo.upsert(Query.query(Criteria.where("_id").is(TASK)),
                new Update().set("doneAt", Times.now()).set("linked", linked), TASKS);
        log.info("Linked {} members' organizations to their codes", linked);
    }

    /**
     * Links every active or pending member without a code whose organization names exactly one entry of the
     * catalogue (in their prefecture, when they gave one). Running it again links nobody twice.
     *
     * @return how many members were linked
     */
    public int linkMissingCodes() {
        Query missing = Query.query(Criteria.where("organizationCode").is(null).and("organization").ne(null)
                .and("status").in(MemberStatus.ACTIVE.name(), MemberStatus.PENDING_VERIFICATION.name()));
        missing.fields().include("organization", "prefecture");
        int linked = 0;
        for (Document candidate : mongo.find(missing, Document.class, Member.COLLECTION)) {
            Optional<Municipality> match = municipalities.uniqueMatch(candidate.getString("organization"),
                    candidate.getString("prefecture"));
            if (match.isPresent() && link(candidate.getString("_id"), match.get())) {
                linked++;
            }
        }
        if (linked > 0) {
            relay.wakeUp();
        }
        return linked;
    }

    private boolean link(String memberId, Municipality match) {
        Document stored = mongo.findById(memberId, Document.class, Member.COLLECTION);
        if (stored == null || stored.get("organizationCode") != null) {
            return false;
        }
        Instant now = Times.now();
        Update update = new Update().set("organizationCode", match.code()).set("updatedAt", now).inc("version", 1);
        stored.put("organizationCode", match.code());
        if (stored.get("prefecture") == null) {
            update.set("prefecture", match.prefecture());
            stored.put("prefecture", match.prefecture());
        }
        Member linked = mongo.getConverter().read(Member.class, stored);
        if (linked.isActive()) {
            // As a profile update would: posts and notifications keep the member's organization. A pending member's
            // MemberRegistered is long sent, and its MemberActivated carries no code; only active members' profiles
            // are news (posts-service takes a MemberProfileUpdated as a sign of activity).
            Outbox.append(update, MemberEvents.profileUpdated(linked, now));
        }
        // Unchanged since read: a concurrent profile update (which bumps the version) wins, and is not overwritten.
        Query unchanged = Query.query(Criteria.where("_id").is(memberId).and("organizationCode").is(null)
                .and("organization").is(linked.organization()).and("status").is(stored.getString("status"))
                .and("version").is(stored.get("version")));
        return mongo.updateFirst(unchanged, update, Member.COLLECTION).getModifiedCount() > 0;
    }
}
