package jp.kyoso.members.invitation;

import java.time.Instant;

/**
 * An invitation as moderators see it in the list. {@code id} is the stored digest of the code, which cannot be turned
 * back into the code: the code itself exists only in the answer to its creation.
 */
record InvitationView(String id, String email, String note, String createdBy, Instant createdAt, Instant expiresAt,
                      Instant usedAt, Instant revokedAt, Status status) {

    enum Status { OPEN, USED, EXPIRED, REVOKED }

    static InvitationView of(Invitation invitation, Instant now) {
        return new InvitationView(invitation.id(), invitation.email(), invitation.note(), invitation.createdBy(),
                invitation.createdAt(), invitation.expiresAt(), invitation.usedAt(), invitation.revokedAt(),
                statusOf(invitation, now));
    }

    private static Status statusOf(Invitation invitation, Instant now) {
        if (invitation.usedAt() != null) {
            return Status.USED;
        }
        if (invitation.revokedAt() != null) {
            return Status.REVOKED;
        }
        return invitation.expiresAt().isAfter(now) ? Status.OPEN : Status.EXPIRED;
    }
}
