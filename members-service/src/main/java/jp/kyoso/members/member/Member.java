package jp.kyoso.members.member;

import java.time.Instant;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The member aggregate: one document per member, with its events waiting in {@code outbox} until the relay has sent
 * them. Documents are only ever inserted whole and then changed by targeted updates (never saved back whole), so that
 * an update cannot drop events another write appended.
 *
 * <p>A deactivated member stays as a tombstone: the id (posts refer to it) and the handle (so that nobody can take
 * over a former member's {@code @handle} and receive the mentions meant for them) are kept, everything personal is
 * removed.
 */
@Document(Member.COLLECTION)
public record Member(
        @Id String id,
        String email,
        String handle,
        String displayName,
        String organization,
        String organizationCode,
        String prefecture,
        String department,
        String bio,
        List<String> interests,
        List<String> roles,
        MemberStatus status,
        String passwordHash,
        Verification verification,
        Instant registeredAt,
        Instant activatedAt,
        Instant updatedAt,
        Instant deactivatedAt,
        Instant firstPostedAt,
        Instant alreadyRegisteredMailAt,
        long version,
        List<PendingEvent> outbox) {

    public static final String COLLECTION = "members";
    /** What a deactivated member is called wherever their name used to appear. */
    public static final String FORMER_MEMBER_NAME = "退会したメンバー";

    public Member {
        interests = interests == null ? List.of() : List.copyOf(interests);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
