package jp.kyoso.posts.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A search result: the post, the reply when the match is in a reply, and a snippet with the match marked.
 * {@code solved} is there when the post is a question: whether it has a chosen answer (解決済み), as MongoDB says now.
 * {@code outdated} is there while the post has open 要確認 flags (FLAGGED, or CONFIRMED by a moderator), and
 * {@code mayBeOutdated} says whether what it cites is older than {@code kyoso.knowledge.stale-after}, both as MongoDB
 * says now, so that results carry the same banners as the post.
 */
public record SearchHit(String postId, @JsonInclude(JsonInclude.Include.NON_NULL) String replyId, String title,
                        String snippet, float score, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean solved,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String outdated, boolean mayBeOutdated) {

    public SearchHit(String postId, String replyId, String title, String snippet, float score) {
        this(postId, replyId, title, snippet, score, null, null, false);
    }

    SearchHit withSolved(Boolean solved) {
        return new SearchHit(postId, replyId, title, snippet, score, solved, outdated, mayBeOutdated);
    }

    SearchHit withOutdated(String outdated, boolean mayBeOutdated) {
        return new SearchHit(postId, replyId, title, snippet, score, solved, outdated, mayBeOutdated);
    }
}
