package jp.kyoso.posts.handover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import jp.kyoso.posts.post.PostKind;

/**
 * One thread of the handover page. {@code solved} is there for questions only; {@code open} is a question without a
 * chosen answer: what the successor may have to answer.
 */
public record HandoverThread(String postId, String title, PostKind kind, String channel, Instant createdAt,
                             Instant lastActivityAt, int replyCount,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean solved, boolean open,
                             ThreadRole role) {
}
