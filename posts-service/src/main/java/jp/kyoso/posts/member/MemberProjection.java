package jp.kyoso.posts.member;

import java.time.Instant;
import java.util.Locale;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import jp.kyoso.posts.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Applies {@code kyoso.members.v1} to the member projection and to the author snapshots of posts and replies.
 * Every effect is an upsert or a bulk set, so an event applied twice changes nothing the second time.
 */
@Service
public class MemberProjection {
    static final String REGISTERED = "kyoso.members.MemberRegistered.v1";
    static final String ACTIVATED = "kyoso.members.MemberActivated.v1";
    static final String PROFILE_UPDATED = "kyoso.members.MemberProfileUpdated.v1";
    static final String DEACTIVATED = "kyoso.members.MemberDeactivated.v1";

    private static final Logger log = LoggerFactory.getLogger(MemberProjection.class);

    private final MongoTemplate mongo;
    private final AuthorSnapshots snapshots;
    private final OrganizationCodesAtPosting codesAtPosting;

    public MemberProjection(MongoTemplate mongo, AuthorSnapshots snapshots,
                            OrganizationCodesAtPosting codesAtPosting) {
        this.mongo = mongo;
        this.snapshots = snapshots;
        this.codesAtPosting = codesAtPosting;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case REGISTERED -> remember(event, false);
            case ACTIVATED, PROFILE_UPDATED -> remember(event, true);
            case DEACTIVATED -> erase(memberId(event));
            default -> {
                // other member events (roles) mean nothing here
            }
        }
    }

    /**
     * An upsert that matches only a member who has not left: for a former member it tries to insert the id again and
     * fails on the primary key, so a replayed or late event never brings erased data back (no read-then-write race
     * with the erasure).
     */
    private void remember(InboundEvent event, boolean active) {
        String memberId = memberId(event);
        String handle = event.text("handle");
        String displayName = event.text("displayName");
        String organization = event.text("organization");
        Update update = new Update().set("updatedAt", Times.now()).setOnInsert("deactivated", false);
        if (handle != null) {
            update.set("handle", handle.toLowerCase(Locale.ROOT));
        }
        if (displayName != null) {
            update.set("displayName", displayName);
        }
        if (event.data().has("organization")) {
            update.set("organization", organization);
        }
        // MemberRegistered and MemberProfileUpdated carry the code (null: none, or cleared); MemberActivated does not,
        // and then the code is kept. MemberMoved is not needed: the MemberProfileUpdated that follows it carries it.
        if (event.data().has("organizationCode")) {
            update.set("organizationCode", event.text("organizationCode"));
        }
        if (active) {
            update.set("active", true);
        } else {
            // registering never undoes an activation that was applied before (a replay)
            update.setOnInsert("active", false);
        }
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(memberId).and("deactivated").ne(true)), update,
                    MemberRecord.class);
        } catch (DuplicateKeyException formerMember) {
            log.debug("Ignoring {} for former member {}", event.type(), memberId);
            return;
        }
        MemberRecord now = mongo.findById(memberId, MemberRecord.class);
        if (now != null && !now.deactivated() && now.displayName() != null) {
            // snapshots of a member who has left meanwhile are marked former and are not matched by this update
            snapshots.update(new Author(memberId, now.displayName(), now.organization(), false));
            codesAtPosting.catchUp(memberId, now.organization(), now.organizationCode());
        }
    }

    private void erase(String memberId) {
        Instant now = Times.now();
        mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), new Update()
                .set("deactivated", true).set("active", false).unset("handle").unset("displayName")
                .unset("organization").unset("organizationCode").set("updatedAt", now), MemberRecord.class);
        snapshots.erase(memberId);
    }

    private static String memberId(InboundEvent event) {
        String memberId = event.text("memberId");
        if (memberId == null || memberId.isBlank()) {
            memberId = event.subject();
        }
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidEventException("event " + event.id() + " names no member");
        }
        return memberId;
    }
}
