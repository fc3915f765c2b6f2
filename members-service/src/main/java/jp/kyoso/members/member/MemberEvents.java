package jp.kyoso.members.member;

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

    record SendVerificationMail(String memberId, String email, String displayName, String token, Instant expiresAt) {
    }

    record SendAlreadyRegisteredMail(String memberId, String email, String displayName) {
    }

    record SendNudge(String nudgeId, String memberId, String title, String body, String sentBy, Instant at) {
    }
}
