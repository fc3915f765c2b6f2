package jp.kyoso.posts.search;

/**
 * The same question as {@code GET /api/posts/similar}, in a body: a composer's text can be longer than a URL may be
 * on its way through the gateway (its request line is limited to 4 KB, about 400 Japanese characters once encoded).
 */
public record SimilarPostsRequest(String title, String body, Integer limit, String excludePostId) {
}
