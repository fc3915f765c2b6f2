package jp.kyoso.posts.post;

import java.time.Instant;
import java.util.List;

/**
 * One version of a post, oldest first: what it said, who wrote it and when. The last one is the current version
 * ({@code current: true}).
 */
public record RevisionView(int number, String title, String body, List<String> tags, String writtenBy,
                           Instant writtenAt, boolean current) {
}
