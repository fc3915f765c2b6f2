package jp.kyoso.posts.search;

/** Field names of the search index. Posts and replies are separate documents; a reply names its post. */
final class SearchFields {
    /** Every document of a post's thread carries the post id, so the thread can be removed in one delete. */
    static final String POST_ID = "postId";
    static final String REPLY_ID = "replyId";
    static final String CHANNEL = "channel";
    static final String KIND = "kind";
    static final String CREATED_AT = "createdAt";
    /** "true" on every document of a solved question's thread, else "false": a filter and a modest ranking boost. */
    static final String SOLVED = "solved";
    /** "post" or "reply", indexed: the similar-posts panel looks at posts only (SimilarityQuery). */
    static final String ROLE = "role";
    static final String ROLE_POST = "post";
    static final String ROLE_REPLY = "reply";

    static final String TITLE = "title";
    static final String TITLE_WORDS = "title_ja";
    static final String TITLE_BIGRAM = "title_bi";
    static final String BODY = "body";
    static final String BODY_WORDS = "body_ja";
    static final String BODY_BIGRAM = "body_bi";

    private SearchFields() {
    }
}
