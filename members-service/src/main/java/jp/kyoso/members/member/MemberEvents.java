package jp.kyoso.members.member;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import jp.kyoso.platform.outbox.PendingEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events and notification commands members-service publishes, exactly as docs/events.md lists them. Each carries
 * what its consumers need, so that nobody calls members-service back.
 */
public final class MemberEvents {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TYPE_PREFIX = "kyoso.members.";
    /** As the web client builds invitation links (MembersAndInvitations.tsx): relative to the web base URL. */
    private static final String REGISTRATION_PATH = "/register?invitation=";

    private MemberEvents() {
    }

    public static PendingEvent registered(Member m) {
        return event(Topics.MEMBERS, m.id(), TYPE_PREFIX + "MemberRegistered.v1", new Registered(m.id(), m.handle(),
                m.displayName(), m.organization(), m.organizationCode(), m.email(), m.registeredAt()));
    }

    public static PendingEvent activated(Member m, List<String> roles, Instant activatedAt) {
        return event(Topics.MEMBERS, m.id(), TYPE_PREFIX + "MemberActivated.v1", new Activated(m.id(), m.handle(),
                m.displayName(), m.organization(), m.email(), roles, activatedAt));
    }

    public static PendingEvent profileUpdated(Member m, Instant updatedAt) {
        return event(Topics.MEMBERS, m.id(), TYPE_PREFIX + "MemberProfileUpdated.v1", new ProfileUpdated(m.id(),
                m.handle(), m.displayName(), m.organization(), m.organizationCode(), m.prefecture(), m.department(),
                m.interests(), m.email(), updatedAt));
    }

    public static PendingEvent rolesChanged(String memberId, List<String> roles, String changedBy, Instant changedAt) {
        return event(Topics.MEMBERS, memberId, TYPE_PREFIX + "MemberRolesChanged.v1",
                new RolesChanged(memberId, roles, changedBy, changedAt));
    }

    public static PendingEvent deactivated(String memberId, Instant deactivatedAt) {
        return event(Topics.MEMBERS, memberId, TYPE_PREFIX + "MemberDeactivated.v1",
                new Deactivated(memberId, deactivatedAt));
    }

    /**
     * Access tokens of the member issued before {@code notBefore} are no longer good (every service and the gateway
     * refuse them within seconds). Written in the same update as the change that is the {@code reason}.
     */
    public static PendingEvent tokensRevoked(String memberId, Instant notBefore, TokenRevocationReason reason) {
        return event(Topics.MEMBERS, memberId, TYPE_PREFIX + "MemberTokensRevoked.v1",
                new TokensRevoked(memberId, notBefore, reason.name()));
    }

    /**
     * A move (人事異動) took effect: {@code previous} is the position just closed (its {@code to} the day before
     * {@code effectiveDate}), {@code current} the one opened on {@code effectiveDate}.
     */
    public static PendingEvent moved(String memberId, Position previous, Position current, Instant movedAt) {
        return event(Topics.MEMBERS, memberId, TYPE_PREFIX + "MemberMoved.v1", new Moved(memberId,
                PositionData.of(previous), new CurrentPositionData(current.organization(), current.organizationCode(),
                current.department(), current.from()), current.from(), movedAt));
    }

    /**
     * A handover whose successor is known: written when it is named for an active member, or when the invited person
     * has verified. Keyed by the handover's id (the aggregate), never written without a successor.
     */
    public static PendingEvent handoverNamed(String handoverId, Member predecessor, Member successor,
                                             Position position, String note, Instant namedAt, Instant boundAt) {
        return event(Topics.MEMBERS, handoverId, TYPE_PREFIX + "HandoverNamed.v1", new HandoverNamed(handoverId,
                predecessor.id(), predecessor.displayName(), successor.id(), successor.displayName(),
                PositionData.of(position), note, namedAt, boundAt));
    }

    /**
     * Asks notifications-service to mail an invitation to the successor a member named who is not a member yet. The
     * raw invitation code is in it (as the verification token is in {@code SendVerificationMail}).
     */
    public static PendingEvent sendHandoverInvitationMail(String handoverId, String email, Member predecessor,
                                                          Position position, String note, String invitationCode,
                                                          Instant expiresAt) {
        return event(Topics.NOTIFICATION_COMMANDS, handoverId, "kyoso.notifications.SendHandoverInvitationMail.v1",
                new SendHandoverInvitationMail(handoverId, email, predecessor.id(), predecessor.displayName(),
                        PositionData.of(position), note, invitationCode, expiresAt,
                        REGISTRATION_PATH + URLEncoder.encode(invitationCode, StandardCharsets.UTF_8)));
    }

    public static PendingEvent sendVerificationMail(Member m, String token, Instant expiresAt) {
        return event(Topics.NOTIFICATION_COMMANDS, m.id(), "kyoso.notifications.SendVerificationMail.v1",
                new SendVerificationMail(m.id(), m.email(), m.displayName(), token, expiresAt));
    }

    public static PendingEvent sendAlreadyRegisteredMail(Member m) {
        return event(Topics.NOTIFICATION_COMMANDS, m.id(), "kyoso.notifications.SendAlreadyRegisteredMail.v1",
                new SendAlreadyRegisteredMail(m.id(), m.email(), m.displayName()));
    }

    /** A moderator's nudge to a member who has not posted yet: notifications-service shows and mails it. */
    public static PendingEvent sendNudge(String nudgeId, String memberId, String title, String body, String sentBy,
                                         Instant at) {
        return event(Topics.NOTIFICATION_COMMANDS, memberId, "kyoso.notifications.SendNudge.v1",
                new SendNudge(nudgeId, memberId, title, body, sentBy, at));
    }

    private static PendingEvent event(String topic, String memberId, String type, Object data) {
        return PendingEvent.of(topic, memberId, type, JSON.writeValueAsString(data));
    }

    record Registered(String memberId, String handle, String displayName, String organization,
                      String organizationCode, String email, Instant registeredAt) {
    }

    record Activated(String memberId, String handle, String displayName, String organization, String email,
                     List<String> roles, Instant activatedAt) {
    }

    record ProfileUpdated(String memberId, String handle, String displayName, String organization,
                          String organizationCode, String prefecture, String department, List<String> interests,
                          String email, Instant updatedAt) {
    }

    record RolesChanged(String memberId, List<String> roles, String changedBy, Instant changedAt) {
    }

    record Deactivated(String memberId, Instant deactivatedAt) {
    }

    record TokensRevoked(String memberId, Instant notBefore, String reason) {
    }

    record SendVerificationMail(String memberId, String email, String displayName, String token, Instant expiresAt) {
    }

    record SendAlreadyRegisteredMail(String memberId, String email, String displayName) {
    }

    record SendNudge(String nudgeId, String memberId, String title, String body, String sentBy, Instant at) {
    }

    record PositionData(String organization, String organizationCode, String department, String from, String to) {
        static PositionData of(Position p) {
            return new PositionData(p.organization(), p.organizationCode(), p.department(), p.from(), p.to());
        }
    }

    record CurrentPositionData(String organization, String organizationCode, String department, String from) {
    }

    record Moved(String memberId, PositionData previous, CurrentPositionData current, String effectiveDate,
                 Instant movedAt) {
    }

    record HandoverNamed(String handoverId, String predecessorId, String predecessorName, String successorId,
                         String successorName, PositionData position, String note, Instant namedAt, Instant boundAt) {
    }

    record SendHandoverInvitationMail(String handoverId, String email, String predecessorId, String predecessorName,
                                      PositionData position, String note, String invitationCode, Instant expiresAt,
                                      String registrationPath) {
    }
}
