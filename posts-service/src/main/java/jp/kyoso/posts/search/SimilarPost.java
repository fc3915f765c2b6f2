package jp.kyoso.posts.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import jp.kyoso.posts.post.PostKind;

/**
 * A post like the one a member is writing, as the composer shows it. {@code solved} is there for questions only
 * (whether one of its replies was chosen as the answer), as for every post; {@code excerpt} is the start of the body
 * as plain text, at most {@value SimilarPosts#EXCERPT_LENGTH} characters and "…" when cut.
 */
public record SimilarPost(String postId, String title, PostKind kind, String channel,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean solved, String excerpt,
                          Instant createdAt, int replyCount) {
}
