package jp.kyoso.posts.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A search result: the post, the reply when the match is in a reply, and a snippet with the match marked.
 * {@code solved} is there when the post is a question: whether it has a chosen answer (解決済み), as MongoDB says now.
 */
public record SearchHit(String postId, @JsonInclude(JsonInclude.Include.NON_NULL) String replyId, String title,
                        String snippet, float score, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean solved) {

    public SearchHit(String postId, String replyId, String title, String snippet, float score) {
        this(postId, replyId, title, snippet, score, null);
    }

    SearchHit withSolved(Boolean solved) {
        return new SearchHit(postId, replyId, title, snippet, score, solved);
    }
}
