package jp.kyoso.posts.search;

/** A search result: the post, the reply when the match is in a reply, and a snippet with the match marked. */
public record SearchHit(String postId, String replyId, String title, String snippet, float score) {
}
