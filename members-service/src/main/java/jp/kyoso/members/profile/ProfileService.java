package jp.kyoso.members.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.organization.Municipalities;
import jp.kyoso.members.organization.Municipality;
import jp.kyoso.members.organization.OrganizationCode;
import jp.kyoso.members.organization.OrganizationFields;
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

@Service
class ProfileService {
    private final MongoTemplate mongo;
    private final Members members;
    private final OutboxRelay relay;
    private final Municipalities municipalities;

    ProfileService(MongoTemplate mongo, Members members, OutboxRelay relay, Municipalities municipalities) {
        this.mongo = mongo;
        this.members = members;
        this.relay = relay;
        this.municipalities = municipalities;
    }

    OwnProfile own(String memberId) {
        return OwnProfile.of(active(memberId));
    }

    /** Pending members are nobody's business yet; a former member is shown as one. */
    PublicProfile publicProfile(String id) {
        return members.byId(id).filter(m -> m.status() != MemberStatus.PENDING_VERIFICATION).map(PublicProfile::of)
                .orElseThrow(ProfileService::noSuchMember);
    }

    /**
     * Applies the changes with optimistic locking on {@code version}: a concurrent change of the same member (a role
     * change, another PATCH) makes this one re-read and re-apply instead of overwriting it.
     */
    OwnProfile update(String memberId, ProfileUpdate changes) {
        return OptimisticRetry.untilUnchanged(() -> {
            Member current = active(memberId);
            Member changed = apply(current, changes);
            if (sameProfile(current, changed)) {
                return OwnProfile.of(current);
            }
            Instant now = Times.now();
            Update update = new Update().set("updatedAt", now).inc("version", 1);
            fields(changed).forEach((field, value) -> {
                if (value == null) {
                    update.unset(field);
                } else {
                    update.set(field, value);
                }
            });
            Outbox.append(update, MemberEvents.profileUpdated(changed, now));
            Query unchangedSinceRead = Query.query(Criteria.where("_id").is(memberId)
                    .and("version").is(current.version()).and("status").is(MemberStatus.ACTIVE));
            if (mongo.updateFirst(unchangedSinceRead, update, Member.class).getModifiedCount() == 0) {
                return null;
            }
            relay.wakeUp();
            return OwnProfile.of(active(memberId));
        }, Messages.get("profile.changed-concurrently"));
    }

    private Member apply(Member m, ProfileUpdate c) {
        // Blank required fields never get here (bean validation, 400).
        String displayName = c.displayName() == null ? m.displayName() : c.displayName().trim();
        String organization = c.organization() == null ? m.organization() : c.organization().trim();
        String code = c.organizationCode() == null ? m.organizationCode() : Strings.blankToNull(c.organizationCode());
        if (c.organizationCode() != null && code != null) {
            OrganizationFields.requireValidCode(code);
        }
        if (code == null && c.organizationCode() == null && c.organization() != null) {
            // A new organization name that spells one body (「沖縄県 本部町」) links its code, as at registration; a code
            // cleared on purpose ("") stays cleared.
            String prefectureHint = c.prefecture() != null ? Strings.blankToNull(c.prefecture()) : m.prefecture();
            code = municipalities.uniqueMatch(organization, prefectureHint).map(Municipality::code).orElse(null);
        }
        String prefecture;
        if (c.prefecture() != null) {
            prefecture = Strings.blankToNull(c.prefecture());
            if (prefecture != null) {
                OrganizationFields.requireValidPrefecture(prefecture);
            }
        } else if (code != null && !Objects.equals(code, m.organizationCode())) {
            prefecture = OrganizationCode.prefectureOf(code);
        } else {
            prefecture = m.prefecture();
        }
        OrganizationFields.requireConsistent(code, prefecture);
        String department = c.department() == null ? m.department() : Strings.blankToNull(c.department());
        String bio = c.bio() == null ? m.bio() : Strings.blankToNull(c.bio());
        List<String> interests = c.interests() == null ? m.interests() : normalizedInterests(c.interests());
        return new Member(m.id(), m.email(), m.handle(), displayName, organization, code, prefecture, department,
                bio, interests, m.roles(), m.status(), m.passwordHash(), m.verification(), m.registeredAt(),
                m.activatedAt(), m.updatedAt(), m.deactivatedAt(), m.firstPostedAt(), m.alreadyRegisteredMailAt(),
                m.positionSince(), m.pastPositions(), m.version(), List.of());
    }

    private static Map<String, Object> fields(Member m) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("displayName", m.displayName());
        fields.put("organization", m.organization());
        fields.put("organizationCode", m.organizationCode());
        fields.put("prefecture", m.prefecture());
        fields.put("department", m.department());
        fields.put("bio", m.bio());
        fields.put("interests", m.interests());
        return fields;
    }

    private static boolean sameProfile(Member a, Member b) {
        return fields(a).equals(fields(b));
    }

    /** Tags are trimmed, and the same tag twice (ignoring case) is kept once, in the order given. */
    private static List<String> normalizedInterests(List<String> given) {
        List<String> result = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String interest : given) {
            String trimmed = interest.trim();
            String key = trimmed.toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty() && !seen.contains(key)) {
                seen.add(key);
                result.add(trimmed);
            }
        }
        return result;
    }

    private Member active(String memberId) {
        return members.byId(memberId).filter(Member::isActive).orElseThrow(ProfileService::noSuchMember);
    }

    static ApiProblem noSuchMember() {
        return ApiProblem.notFound(Messages.get("member.not-found"));
    }
}
