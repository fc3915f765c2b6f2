package jp.kyoso.members.member;

import java.time.Instant;

/**
 * The outstanding verification link of a pending member: only the digest of its token is kept.
 *
 * @param sentAt when the last mail was requested, to keep resends from flooding someone's mailbox
 */
public record Verification(String tokenHash, Instant expiresAt, Instant sentAt) {
}
