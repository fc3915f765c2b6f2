package jp.kyoso.members.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.Times;
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
 *
 * <p>Positions (人事異動): {@code organization}, {@code organizationCode} and {@code department} are the current
 * position, held since {@code positionSince} (a JST date, {@code YYYY-MM-DD}); {@code pastPositions} are the ones that
 * have ended (前所属), oldest first, each closed the day before the next one began. Dates are stored as ISO strings,
 * not as BSON dates, so that they mean the same day whatever the server's time zone.
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
        String positionSince,
        List<Position> pastPositions,
        long version,
        List<PendingEvent> outbox) {

    public static final String COLLECTION = "members";
    /**
     * Access tokens issued before this instant are refused (set with each {@code MemberTokensRevoked}); read by the
     * security filter only, so not a component of the record.
     */
    public static final String TOKENS_NOT_BEFORE = "tokensNotBefore";

    public Member {
        interests = interests == null ? List.of() : List.copyOf(interests);
        roles = roles == null ? List.of() : List.copyOf(roles);
        pastPositions = pastPositions == null ? List.of() : List.copyOf(pastPositions);
    }

    /** What a deactivated member is called wherever their name used to appear. */
    public static String formerMemberName() {
        return Messages.get("member.former-name");
    }

    /**
     * When the current position began. Members who have never recorded a move have no {@code positionSince}: their
     * position is taken to have begun on their registration day (JST), which is read here rather than migrated.
     */
    public LocalDate currentPositionFrom() {
        if (positionSince != null) {
            return LocalDate.parse(positionSince);
        }
        return registeredAt == null ? null : LocalDate.ofInstant(registeredAt, Times.JST);
    }

    /** The position the member holds now: the profile's organization fields, still open ({@code to} is null). */
    public Position currentPosition() {
        LocalDate from = currentPositionFrom();
        return new Position(organization, organizationCode, department, from == null ? null : from.toString(), null);
    }

    /** 前所属: the positions that have ended, newest first. */
    public List<Position> history() {
        List<Position> newestFirst = new ArrayList<>(pastPositions);
        newestFirst.sort(Comparator.comparing(Position::from, Comparator.nullsLast(Comparator.naturalOrder()))
                .reversed());
        return newestFirst;
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
