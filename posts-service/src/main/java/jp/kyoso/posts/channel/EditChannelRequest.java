package jp.kyoso.posts.channel;

/**
 * A change to a channel: only the fields present (not null) change, each checked by the rules of
 * {@link CreateChannelRequest} (see {@link Channels#update}). The slug is the channel's id and never changes.
 */
public record EditChannelRequest(String name, String description, PostingPolicy postingPolicy) {
    static final EditChannelRequest NOTHING = new EditChannelRequest(null, null, null);
}
