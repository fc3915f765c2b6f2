package jp.kyoso.posts.search;

import java.time.Instant;

/**
 * One searchable unit: a post (replyId null) or a reply. A reply carries its post's title, channel and kind so that a
 * hit can be shown and filtered without reading the post; its own title is not searched.
 *
 * @param body   the text as plain text (Markdown removed), searched and used for snippets
 * @param solved the thread is a question with a chosen answer (解決済み)
 */
public record SearchDocument(String postId, String replyId, String channel, String kind, String title, String body,
                             Instant createdAt, boolean solved) {

    /** A document of a thread that is not solved. */
    public SearchDocument(String postId, String replyId, String channel, String kind, String title, String body,
                          Instant createdAt) {
        this(postId, replyId, channel, kind, title, body, createdAt, false);
    }

    public boolean isReply() {
        return replyId != null;
    }
}
