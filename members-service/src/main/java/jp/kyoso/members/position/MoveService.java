package jp.kyoso.members.position;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Position;
import jp.kyoso.members.organization.OrganizationCode;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.profile.OwnProfile;
import jp.kyoso.members.support.InputProblems;
import jp.kyoso.members.support.OptimisticRetry;
import jp.kyoso.members.support.Strings;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Records a move (人事異動) once it has taken effect: the current position is closed the day before the effective
 * date and kept in {@code pastPositions}, the new one becomes the profile's organization. One conditional update of
 * the member document carries the change, {@code MemberMoved} and {@code MemberProfileUpdated} (what the other
 * services already read to keep a member's current organization), so the events exist exactly when the move does.
 */
@Service
class MoveService {
    private final MongoTemplate mongo;
    private final Members members;
    private final OutboxRelay relay;

    MoveService(MongoTemplate mongo, Members members, OutboxRelay relay) {
        this.mongo = mongo;
        this.members = members;
        this.relay = relay;
    }

    OwnProfile move(String memberId, MoveRequest request) {
        LocalDate effective = parse(request.effectiveDate());
        if (effective.isAfter(Times.today())) {
            throw InputProblems.malformed("effectiveDate", Messages.get("position.effective-date.in-future"));
        }
        String code = Strings.blankToNull(request.organizationCode());
        if (code != null) {
            OrganizationFields.requireValidCode(code);
        }
        String organization = request.organization().trim();
        String department = Strings.blankToNull(request.department());
        return OptimisticRetry.untilUnchanged(() -> {
            Member current = members.byId(memberId).filter(Member::isActive)
                    .orElseThrow(() -> ApiProblem.notFound(Messages.get("member.not-found")));
            LocalDate since = current.currentPositionFrom();
            if (!effective.isAfter(since)) {
                throw InputProblems.malformed("effectiveDate",
                        Messages.get("position.effective-date.not-after-current", since.toString()));
            }
            Position previous = current.currentPosition().closedOn(effective.minusDays(1).toString());
            Position next = new Position(organization, code, department, effective.toString(), null);
            Instant now = Times.now();
            // The prefecture follows the new organization: derived from its code, unknown without one.
            String prefecture = code == null ? null : OrganizationCode.prefectureOf(code);
            Member moved = new Member(current.id(), current.email(), current.handle(), current.displayName(),
                    organization, code, prefecture, department, current.bio(), current.interests(), current.roles(),
                    current.status(), null, null, current.registeredAt(), current.activatedAt(), now, null, null,
                    null, next.from(), null, current.version() + 1, null);
            Update update = new Update().set("organization", organization)
                    .set("positionSince", next.from()).push("pastPositions", previous)
                    .set("updatedAt", now).inc("version", 1);
            setOrUnset(update, "organizationCode", code);
            setOrUnset(update, "prefecture", prefecture);
            setOrUnset(update, "department", department);
            Outbox.append(update, MemberEvents.moved(memberId, previous, next, now),
                    MemberEvents.profileUpdated(moved, now));
            Query unchangedSinceRead = Query.query(Criteria.where("_id").is(memberId)
                    .and("version").is(current.version()).and("status").is(MemberStatus.ACTIVE));
            if (mongo.updateFirst(unchangedSinceRead, update, Member.class).getModifiedCount() == 0) {
                return null;
            }
            relay.wakeUp();
            return OwnProfile.of(members.byId(memberId).orElseThrow());
        }, Messages.get("profile.changed-concurrently"));
    }

    /** An optional field without a value is removed, as a profile update removes it, rather than stored as null. */
    private static void setOrUnset(Update update, String field, String value) {
        if (value == null) {
            update.unset(field);
        } else {
            update.set(field, value);
        }
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw InputProblems.malformed("effectiveDate", Messages.get("position.effective-date.invalid"));
        }
    }
}
