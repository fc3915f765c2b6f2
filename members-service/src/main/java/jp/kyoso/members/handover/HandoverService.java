package jp.kyoso.members.handover;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kyoso.members.Messages;
import jp.kyoso.members.invitation.Invitations;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Position;
import jp.kyoso.members.member.PositionView;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.members.support.InputProblems;
import jp.kyoso.members.support.Strings;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Naming a successor, and the two sides' views of the handovers. Only the signed-in member names successors for
 * their own positions: every operation takes the caller's id from the token, and no path names another member.
 */
@Service
class HandoverService {
    /** How long after a move the position just left is still the one to hand over by default. */
    static final int RECENT_MOVE_DAYS = 90;
    private static final int MAX_LISTED = 100;

    private final MongoTemplate mongo;
    private final Members members;
    private final Invitations invitations;
    private final Handovers handovers;
    private final OutboxRelay relay;

    HandoverService(MongoTemplate mongo, Members members, Invitations invitations, Handovers handovers,
                    OutboxRelay relay) {
        this.mongo = mongo;
        this.members = members;
        this.invitations = invitations;
        this.handovers = handovers;
        this.relay = relay;
    }

    HandoverView name(String predecessorId, HandoverRequest request) {
        Member predecessor = active(predecessorId);
        String email = EmailAddresses.normalize(request.successorEmail());
        if (email.equals(predecessor.email())) {
            throw InputProblems.malformed("successorEmail", Messages.get("handover.successor-is-self"));
        }
        Position position = positionToHandOver(predecessor, request.position());
        String note = Strings.blankToNull(request.note());
        if (mongo.exists(samePositionAndSuccessor(predecessorId, position, email), Handover.class)) {
            throw alreadyNamed();
        }
        String id = UUID.randomUUID().toString();
        Instant now = Times.now();
        Optional<Member> successor = members.byEmail(email).filter(Member::isActive);
        Handover handover;
        if (successor.isPresent()) {
            PendingEvent named = MemberEvents.handoverNamed(id, predecessor, successor.get(), position, note, now, now);
            handover = new Handover(id, predecessorId, email, successor.get().id(), null, position, note,
                    HandoverStatus.ACTIVE, now, now, List.of(named));
        } else {
            // Not a member (or not yet verified): invited through the ordinary invitation path, and the handover
            // waits; HandoverNamed is written when they have verified (Handovers.bindWaitingFor).
            Invitations.Created invitation = invitations.create(email, Messages.get("handover.invitation-note"),
                    predecessorId);
            PendingEvent mail = MemberEvents.sendHandoverInvitationMail(id, email, predecessor, position, note,
                    invitation.invitationCode(), invitation.expiresAt());
            handover = new Handover(id, predecessorId, email, null, Invitations.idOf(invitation.invitationCode()),
                    position, note, HandoverStatus.WAITING_FOR_SUCCESSOR, now, null, List.of(mail));
        }
        try {
            mongo.insert(handover);
        } catch (DuplicateKeyException e) {
            // a concurrent request named the same person for the same position
            if (handover.invitationId() != null) {
                invitations.withdraw(handover.invitationId());
            }
            throw alreadyNamed();
        }
        relay.wakeUp();
        return given(handover, index(List.of(handover)));
    }

    HandoverLists list(String memberId) {
        active(memberId);
        handovers.bindWaitingFor(memberId);
        List<Handover> given = mongo.find(Query.query(Criteria.where("predecessorId").is(memberId))
                .with(Sort.by(Sort.Order.desc("namedAt"), Sort.Order.desc("_id"))).limit(MAX_LISTED), Handover.class);
        List<Handover> received = mongo.find(Query.query(Criteria.where("successorId").is(memberId))
                .with(Sort.by(Sort.Order.desc("namedAt"), Sort.Order.desc("_id"))).limit(MAX_LISTED), Handover.class);
        List<Handover> all = new ArrayList<>(given);
        all.addAll(received);
        Map<String, Member> people = index(all);
        return new HandoverLists(given.stream().map(h -> given(h, people)).toList(),
                received.stream().map(h -> received(h, people)).toList());
    }

    /** 404 for an unknown id; 403 for a member who is neither the leaver nor the successor. */
    HandoverView one(String memberId, String handoverId) {
        active(memberId);
        handovers.bindWaitingFor(memberId);
        Handover handover = mongo.findById(handoverId, Handover.class);
        if (handover == null) {
            throw ApiProblem.notFound(Messages.get("handover.not-found"));
        }
        Map<String, Member> people = index(List.of(handover));
        if (memberId.equals(handover.predecessorId())) {
            return given(handover, people);
        }
        if (memberId.equals(handover.successorId())) {
            return received(handover, people);
        }
        throw ApiProblem.forbidden(Messages.get("handover.not-a-party"));
    }

    /**
     * The current position, or the one just left when the move is at most {@value #RECENT_MOVE_DAYS} days old
     * (the default then, since a leaver usually names the successor for the job they have just handed over).
     */
    private static Position positionToHandOver(Member member, String requested) {
        Position previous = member.history().isEmpty() ? null : member.history().get(0);
        LocalDate since = member.currentPositionFrom();
        boolean movedRecently = previous != null && member.positionSince() != null
                && !since.isBefore(Times.today().minusDays(RECENT_MOVE_DAYS));
        String choice = requested != null ? requested : movedRecently ? "previous" : "current";
        if ("previous".equals(choice)) {
            if (!movedRecently) {
                throw InputProblems.malformed("position",
                        Messages.get("handover.no-recent-move", String.valueOf(RECENT_MOVE_DAYS)));
            }
            return previous;
        }
        return member.currentPosition();
    }

    private static Query samePositionAndSuccessor(String predecessorId, Position position, String email) {
        return Query.query(Criteria.where("predecessorId").is(predecessorId).and("position.from").is(position.from())
                .and("successorEmail").is(email));
    }

    private HandoverView given(Handover h, Map<String, Member> people) {
        Member predecessor = people.get(h.predecessorId());
        Member successor = h.successorId() == null ? null : people.get(h.successorId());
        HandoverView.Party successorParty = successor == null
                ? new HandoverView.Party(h.successorId(), null, null, mask(h.successorEmail()))
                : new HandoverView.Party(successor.id(), successor.displayName(), successor.organization(),
                        mask(h.successorEmail()));
        return new HandoverView(h.id(), party(predecessor, h.predecessorId()), successorParty, h.status(),
                PositionView.of(position(h, predecessor)), h.note(), h.namedAt(), h.boundAt(), null);
    }

    private HandoverView received(Handover h, Map<String, Member> people) {
        Member predecessor = people.get(h.predecessorId());
        Member successor = people.get(h.successorId());
        Position position = position(h, predecessor);
        return new HandoverView(h.id(), party(predecessor, h.predecessorId()), party(successor, h.successorId()),
                h.status(), PositionView.of(position), h.note(), h.namedAt(), h.boundAt(),
                IntroductionDrafts.draft(predecessor, successor, position));
    }

    private static Position position(Handover h, Member predecessor) {
        return predecessor == null ? h.position() : Handovers.positionAsKnown(h.position(), predecessor);
    }

    private static HandoverView.Party party(Member member, String id) {
        if (member == null || !member.isActive()) {
            return new HandoverView.Party(id, Member.formerMemberName(), null, null);
        }
        return new HandoverView.Party(member.id(), member.displayName(), member.organization(), null);
    }

    /** Both sides of every handover, read in one query. */
    private Map<String, Member> index(List<Handover> list) {
        Set<String> ids = new HashSet<>();
        for (Handover h : list) {
            ids.add(h.predecessorId());
            if (h.successorId() != null) {
                ids.add(h.successorId());
            }
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Member.class).stream()
                .collect(Collectors.toMap(Member::id, Function.identity()));
    }

    /** As the delivery log shows addresses: recognisable to the one who typed it, not collectable. */
    static String mask(String address) {
        int at = address == null ? -1 : address.indexOf('@');
        if (at <= 0) {
            return address == null ? null : "***";
        }
        return address.substring(0, Math.min(2, at)) + "***" + address.substring(at);
    }

    private Member active(String memberId) {
        return members.byId(memberId).filter(Member::isActive)
                .orElseThrow(() -> ApiProblem.notFound(Messages.get("member.not-found")));
    }

    private static ApiProblem alreadyNamed() {
        return ApiProblem.conflict(Messages.get("handover.already-named"));
    }
}
