package jp.kyoso.members.handover;

public enum HandoverStatus {
    /** Named for someone who is not a member yet: an invitation is out; binds when they register and verify. */
    WAITING_FOR_SUCCESSOR,
    /** The successor is a member and knows: {@code HandoverNamed} has been written. */
    ACTIVE
}
