package jp.kyoso.posts.channel;

public record ChannelView(String id, String slug, String name, String description, PostingPolicy postingPolicy,
                          long postCount, boolean archived) {
}
