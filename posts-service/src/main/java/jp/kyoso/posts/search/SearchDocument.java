package jp.kyoso.posts.search;

import java.time.Instant;

/**
 * One searchable unit: a post (replyId null) or a reply. A reply carries its post's title, channel and kind so that a
 * hit can be shown and filtered without reading the post; its own title is not searched.
 *
 * @param body the text as plain text (Markdown removed), searched and used for snippets
 */
public record SearchDocument(String postId, String replyId, String channel, String kind, String title, String body,
                             Instant createdAt) {

    public boolean isReply() {
        return replyId != null;
    }
}
