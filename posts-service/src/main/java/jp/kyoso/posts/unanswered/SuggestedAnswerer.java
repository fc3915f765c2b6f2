package jp.kyoso.posts.unanswered;

/**
 * A member who answered questions like the one at hand: how many of them, and the most similar one as an example.
 * The handle lets a moderator mention them in the thread.
 */
public record SuggestedAnswerer(String memberId, String displayName, String handle, String organization,
                                int answeredCount, String examplePostId) {
}
