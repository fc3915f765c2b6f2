package jp.kyoso.members.profile;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;

/** What any member may see of another: never the email address. */
public record PublicProfile(String id, String handle, String displayName, String organization,
                            String organizationCode, String prefecture, String department, String bio,
                            List<String> interests, List<String> roles, MemberStatus status, Instant memberSince) {

    public static PublicProfile of(Member m) {
        if (m.status() == MemberStatus.DEACTIVATED) {
            // The handle stays reserved but is not shown: it may have been derived from the person's name.
            return new PublicProfile(m.id(), null, Member.FORMER_MEMBER_NAME, null, null, null, null, null, List.of(),
                    List.of(), MemberStatus.DEACTIVATED, null);
        }
        return new PublicProfile(m.id(), m.handle(), m.displayName(), m.organization(), m.organizationCode(),
                m.prefecture(), m.department(), m.bio(), m.interests(), m.roles(), m.status(), m.activatedAt());
    }
}
