package jp.kyoso.members.member;

/** Why a member's access tokens were revoked ({@code MemberTokensRevoked.reason}). */
public enum TokenRevocationReason {
    DEACTIVATED, ROLES_CHANGED, LOGGED_OUT_EVERYWHERE
}
