package jp.kyoso.members.handover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.kyoso.members.invitation.Invitations;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Position;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The handover documents and what other features do to them: binding waiting handovers to a successor who has just
 * become a member (verification), and erasing them with a member who leaves (deactivation).
 */
@Component
public class Handovers {
    private final MongoTemplate mongo;
    private final Members members;
    private final Invitations invitations;
    private final OutboxRelay relay;

    public Handovers(MongoTemplate mongo, Members members, Invitations invitations, OutboxRelay relay) {
        this.mongo = mongo;
        this.members = members;
        this.invitations = invitations;
        this.relay = relay;
        var indexes = mongo.indexOps(Handover.COLLECTION);
        // one handover per position and successor: a second request for the same person is 409 even when racing
        indexes.createIndex(new Index().on("predecessorId", Sort.Direction.ASC).on("position.from", Sort.Direction.ASC)
                .on("successorEmail", Sort.Direction.ASC).unique().named("one_per_successor"));
        // A member's handovers, given and received, newest first with the _id tie-break (HandoverService's lists):
        // equality then the whole sort. "received_page" supersedes "received" (successorId, namedAt), which lacked
        // the tie-break; it also serves the successorId branch of a member's erasure.
        indexes.createIndex(new Index().on("successorId", Sort.Direction.ASC).on("namedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).sparse().named("received_page"));
        Members.dropSuperseded(indexes, "received");
        indexes.createIndex(new Index().on("predecessorId", Sort.Direction.ASC).on("namedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("given_page"));
        indexes.createIndex(new Index().on("successorEmail", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .named("waiting_by_address"));
    }

    /**
     * Binds every handover waiting for this member's address to them and writes its {@code HandoverNamed}, in the
     * same conditional update (only a still-waiting handover matches, so the event is written once). Called when the
     * member verifies; again, harmlessly, whenever they look at their handovers, so that a crash between the
     * verification and this leaves nothing waiting for long.
     */
    public void bindWaitingFor(String memberId) {
        Optional<Member> successor = members.byId(memberId).filter(Member::isActive);
        if (successor.isEmpty() || successor.get().email() == null) {
            return;
        }
        List<Handover> waiting = mongo.find(Query.query(Criteria.where("successorEmail").is(successor.get().email())
                .and("status").is(HandoverStatus.WAITING_FOR_SUCCESSOR)), Handover.class);
        boolean bound = false;
        for (Handover handover : waiting) {
            Optional<Member> predecessor = members.byId(handover.predecessorId()).filter(Member::isActive);
            if (predecessor.isEmpty() || predecessor.get().id().equals(memberId)) {
                continue;
            }
            Instant now = Times.now();
            Update update = Outbox.append(new Update().set("status", HandoverStatus.ACTIVE).set("successorId", memberId)
                            .set("boundAt", now),
                    MemberEvents.handoverNamed(handover.id(), predecessor.get(), successor.get(),
                            positionAsKnown(handover.position(), predecessor.get()), handover.note(),
                            handover.namedAt(), now));
            Query stillWaiting = Query.query(Criteria.where("_id").is(handover.id())
                    .and("status").is(HandoverStatus.WAITING_FOR_SUCCESSOR));
            bound |= mongo.updateFirst(stillWaiting, update, Handover.class).getModifiedCount() == 1;
        }
        if (bound) {
            relay.wakeUp();
        }
    }

    /**
     * Part of a member's erasure (idempotent, before the member document is erased): every handover they gave or
     * received, or that waits for their address, is deleted, and the invitation issued for a waiting one is withdrawn.
     * Consumers drop their copies on {@code MemberDeactivated} of either side.
     */
    public void forget(String memberId) {
        String email = members.byId(memberId).map(Member::email).orElse(null);
        Criteria theirs = email == null
                ? new Criteria().orOperator(Criteria.where("predecessorId").is(memberId),
                        Criteria.where("successorId").is(memberId))
                : new Criteria().orOperator(Criteria.where("predecessorId").is(memberId),
                        Criteria.where("successorId").is(memberId), Criteria.where("successorEmail").is(email)
                                .and("status").is(HandoverStatus.WAITING_FOR_SUCCESSOR));
        for (Handover handover : mongo.find(Query.query(theirs), Handover.class)) {
            if (handover.invitationId() != null && handover.status() == HandoverStatus.WAITING_FOR_SUCCESSOR) {
                invitations.withdraw(handover.invitationId());
            }
            mongo.remove(Query.query(Criteria.where("_id").is(handover.id())), Handover.class);
        }
    }

    /**
     * The handed-over position with its end filled in: a handover named before the leaver's move stored it still
     * open, and the move closed it in the leaver's {@code pastPositions} (matched by its start day).
     */
    static Position positionAsKnown(Position named, Member predecessor) {
        if (named.to() != null || Objects.equals(predecessor.currentPosition().from(), named.from())) {
            return named;
        }
        return predecessor.pastPositions().stream().filter(p -> Objects.equals(p.from(), named.from())).findFirst()
                .orElse(named);
    }
}
