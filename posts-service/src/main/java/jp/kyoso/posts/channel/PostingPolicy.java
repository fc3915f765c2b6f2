package jp.kyoso.posts.channel;

/** Who may start a post in a channel. Replies and reactions are open to every member in every channel. */
public enum PostingPolicy {
    OPEN,
    MODERATORS
}
