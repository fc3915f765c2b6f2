package jp.kyoso.posts.shared;

/**
 * Published (in-process) after a write that changes what a post's thread looks like to search: the post itself, its
 * visibility, or its replies. The search index of this instance reindexes the thread at once, so that a member finds
 * what they just wrote; other instances learn of it from the event on kyoso.posts.v1.
 */
public record ThreadChanged(String postId) {
}
