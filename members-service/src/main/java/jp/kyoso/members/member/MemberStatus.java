package jp.kyoso.members.member;

public enum MemberStatus {
    /** Registered, the verification mail is out; cannot log in yet and is not listed anywhere. */
    PENDING_VERIFICATION,
    ACTIVE,
    /** A tombstone: personal data erased, the id and the handle kept (see {@link Member}). */
    DEACTIVATED
}
