package jp.kyoso.posts.post;

public enum PostKind {
    ISSUE,
    IDEA,
    QUESTION,
    INTRODUCTION,
    ANNOUNCEMENT,
    DISCUSSION,
    /** A study session (勉強会): a post with a {@code session} object, so threads, reactions and search come with it. */
    SESSION;

    public static final String PATTERN = "ISSUE|IDEA|QUESTION|INTRODUCTION|ANNOUNCEMENT|DISCUSSION|SESSION";
}
