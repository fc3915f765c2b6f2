package jp.kyoso.posts.handover;

/** What the leaver did in a thread during the job. */
public enum ThreadRole {
    /** Wrote the post (any kind). */
    ASKED,
    /** Replied to someone else's post. */
    ANSWERED,
    /** Wrote the post and also replied in its thread (a follow-up, or her own answer). */
    BOTH
}
