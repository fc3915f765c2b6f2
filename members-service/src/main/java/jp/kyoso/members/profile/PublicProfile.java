package jp.kyoso.members.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.PositionView;

/**
 * What any member may see of another: never the email address. {@code history} is where the member worked before
 * (前所属, newest first), so that colleagues recognise someone who has moved.
 */
public record PublicProfile(String id, String handle, String displayName, String organization,
                            String organizationCode, String prefecture, String department, LocalDate positionFrom,
                            List<PositionView> history, String bio, List<String> interests, List<String> roles,
                            MemberStatus status, Instant memberSince) {

    public static PublicProfile of(Member m) {
        if (m.status() == MemberStatus.DEACTIVATED) {
            // The handle stays reserved but is not shown: it may have been derived from the person's name.
            return new PublicProfile(m.id(), null, Member.formerMemberName(), null, null, null, null, null,
                    List.of(), null, List.of(), List.of(), MemberStatus.DEACTIVATED, null);
        }
        return new PublicProfile(m.id(), m.handle(), m.displayName(), m.organization(), m.organizationCode(),
                m.prefecture(), m.department(), m.currentPositionFrom(),
                m.history().stream().map(PositionView::of).toList(), m.bio(), m.interests(), m.roles(), m.status(),
                m.activatedAt());
    }
}
