package jp.kyoso.posts.shared;

import java.time.Instant;

/**
 * Published (in-process) after a write that changes what a post's thread looks like to search: the post itself, its
 * visibility, or its replies. The search index of this instance reindexes the thread at once (only the reply, when
 * {@code replyId} names one that was added), so that a member finds what they just wrote; other instances learn of it
 * from the event on kyoso.posts.v1.
 *
 * @param written the added reply and its post as the writer had them, or null: the index then reads both from MongoDB
 */
public record ThreadChanged(String postId, String replyId, WrittenReply written) {
    public ThreadChanged(String postId) {
        this(postId, null, null);
    }

    /** A reply whose writer no longer has it at hand (a pending reply finished after a crash). */
    public static ThreadChanged replyAdded(String postId, String replyId) {
        return new ThreadChanged(postId, replyId, null);
    }

    public static ThreadChanged replyAdded(String postId, String replyId, WrittenReply written) {
        return new ThreadChanged(postId, replyId, written);
    }

    /**
     * What search needs of a reply just written to a visible post (the write's update matched only while the post was
     * neither deleted nor hidden). A change to the post after it (an edit, a hide, a chosen answer) has its own event,
     * which reindexes the thread after this.
     */
    public record WrittenReply(String channelSlug, String postKind, String postTitle, boolean postSolved, String body,
                               Instant createdAt) {
    }
}
