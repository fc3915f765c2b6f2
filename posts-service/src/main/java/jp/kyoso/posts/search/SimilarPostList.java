package jp.kyoso.posts.search;

import java.util.List;

/** The answer of {@code /api/posts/similar}: at most {@code limit} posts, most alike first, no cursor (no more pages). */
public record SimilarPostList(List<SimilarPost> items) {
}
