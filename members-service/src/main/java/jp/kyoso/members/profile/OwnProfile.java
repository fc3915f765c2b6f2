package jp.kyoso.members.profile;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;

/** A member's own profile, with the email address and roles. */
public record OwnProfile(String id, String handle, String displayName, String email, String organization,
                         String organizationCode, String prefecture, String department, String bio,
                         List<String> interests, List<String> roles, MemberStatus status, Instant registeredAt,
                         Instant activatedAt, Instant updatedAt) {

    public static OwnProfile of(Member m) {
        return new OwnProfile(m.id(), m.handle(), m.displayName(), m.email(), m.organization(), m.organizationCode(),
                m.prefecture(), m.department(), m.bio(), m.interests(), m.roles(), m.status(), m.registeredAt(),
                m.activatedAt(), m.updatedAt());
    }
}
