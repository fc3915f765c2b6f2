package jp.kyoso.posts.shared;

/**
 * Published (in-process) after a write that changes what a post's thread looks like to search: the post itself, its
 * visibility, or its replies. The search index of this instance reindexes the thread at once (only the reply, when
 * {@code replyId} names one that was added), so that a member finds what they just wrote; other instances learn of it
 * from the event on kyoso.posts.v1.
 */
public record ThreadChanged(String postId, String replyId) {
    public ThreadChanged(String postId) {
        this(postId, null);
    }

    public static ThreadChanged replyAdded(String postId, String replyId) {
        return new ThreadChanged(postId, replyId);
    }
}
