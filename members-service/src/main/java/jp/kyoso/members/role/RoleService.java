package jp.kyoso.members.role;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Role;
import jp.kyoso.members.member.TokenRevocationReason;
import jp.kyoso.members.support.OptimisticRetry;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Changes a member's roles. Access tokens carry the roles, so a change applies from the member's next access token
 * (the next login or refresh); members-service publishes {@code MemberRolesChanged} for the services that keep a copy,
 * and {@code MemberTokensRevoked}, so that the tokens with the old roles are refused everywhere within seconds.
 * Community managers (moderators) appoint and remove moderators; ADMIN, which can do everything, only admins hand out
 * or take away.
 */
@Service
class RoleService {
    private final MongoTemplate mongo;
    private final Members members;
    private final OutboxRelay relay;

    RoleService(MongoTemplate mongo, Members members, OutboxRelay relay) {
        this.mongo = mongo;
        this.members = members;
        this.relay = relay;
    }

    record MemberRoles(String id, String handle, String displayName, List<String> roles) {
        static MemberRoles of(Member m) {
            return new MemberRoles(m.id(), m.handle(), m.displayName(), m.roles());
        }
    }

    MemberRoles change(String memberId, List<String> requested, CurrentMember changedBy) {
        for (String role : requested) {
            if (!Role.isKnown(role)) {
                throw ApiProblem.invalid("roles", Messages.get("role.unknown"));
            }
        }
        List<String> roles = Role.canonical(requested);
        return OptimisticRetry.untilUnchanged(() -> {
            // Only active members: a pending member's roles are decided when they verify (the admin list), and a
            // former member has none.
            Member current = members.byId(memberId).filter(Member::isActive)
                    .orElseThrow(() -> ApiProblem.notFound(Messages.get("member.not-found")));
            if (current.roles().equals(roles)) {
                return MemberRoles.of(current);
            }
            boolean wasAdmin = current.roles().contains(Role.ADMIN.name());
            boolean staysAdmin = roles.contains(Role.ADMIN.name());
            if (wasAdmin != staysAdmin && !changedBy.isAdmin()) {
                throw ApiProblem.forbidden(Messages.get("role.admin-only"));
            }
            if (wasAdmin && !staysAdmin && !anotherActiveAdminThan(memberId)) {
                throw ApiProblem.conflict(Messages.get("role.last-admin"));
            }
            Instant now = Times.now();
            // the roles travel in the access tokens: the ones already issued are revoked (the member's client
            // refreshes and gets the new roles), so a removed role stops working within seconds, not minutes
            Update update = Outbox.append(new Update().set("roles", roles).set("updatedAt", now)
                            .set(Member.TOKENS_NOT_BEFORE, now).inc("version", 1),
                    MemberEvents.rolesChanged(memberId, roles, changedBy.id(), now),
                    MemberEvents.tokensRevoked(memberId, now, TokenRevocationReason.ROLES_CHANGED));
            Query unchangedSinceRead = Query.query(Criteria.where("_id").is(memberId)
                    .and("version").is(current.version()).and("status").is(MemberStatus.ACTIVE));
            if (mongo.updateFirst(unchangedSinceRead, update, Member.class).getModifiedCount() == 0) {
                return null;
            }
            relay.wakeUp();
            return MemberRoles.of(members.byId(memberId).orElseThrow());
        }, Messages.get("role.changed-concurrently"));
    }

    private boolean anotherActiveAdminThan(String memberId) {
        return mongo.exists(Query.query(Criteria.where("roles").is(Role.ADMIN.name())
                .and("status").is(MemberStatus.ACTIVE).and("_id").ne(memberId)), Member.class);
    }
}
