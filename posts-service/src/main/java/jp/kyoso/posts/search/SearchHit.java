package jp.kyoso.posts.search;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A search result: the post, the reply when the match is in a reply, and a snippet with the match marked. */
public record SearchHit(String postId, @JsonInclude(JsonInclude.Include.NON_NULL) String replyId, String title, String snippet, float score) {
}
