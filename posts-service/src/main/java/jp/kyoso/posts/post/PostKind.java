package jp.kyoso.posts.post;

public enum PostKind {
    ISSUE,
    IDEA,
    QUESTION,
    INTRODUCTION,
    ANNOUNCEMENT,
    DISCUSSION;

    public static final String PATTERN = "ISSUE|IDEA|QUESTION|INTRODUCTION|ANNOUNCEMENT|DISCUSSION";
}
