package jp.kyoso.members.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.PositionView;

/**
 * A member's own profile, with the email address and roles. {@code positionFrom} is when the current position
 * (organization, department) began; {@code history} are the positions held before (前所属), newest first.
 */
public record OwnProfile(String id, String handle, String displayName, String email, String organization,
                         String organizationCode, String prefecture, String department, LocalDate positionFrom,
                         List<PositionView> history, String bio, List<String> interests, List<String> roles,
                         MemberStatus status, Instant registeredAt, Instant activatedAt, Instant updatedAt) {

    public static OwnProfile of(Member m) {
        return new OwnProfile(m.id(), m.handle(), m.displayName(), m.email(), m.organization(), m.organizationCode(),
                m.prefecture(), m.department(), m.currentPositionFrom(),
                m.history().stream().map(PositionView::of).toList(), m.bio(), m.interests(), m.roles(), m.status(),
                m.registeredAt(), m.activatedAt(), m.updatedAt());
    }
}
