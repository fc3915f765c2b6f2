package jp.kyoso.posts.post;

import java.time.Instant;
import java.util.List;

/**
 * A version of a post that an edit replaced: its content, who wrote it and when, and who replaced it and when.
 */
public record Revision(int number, String title, String body, List<String> tags, String writtenBy,
                       Instant writtenAt, String replacedBy, Instant replacedAt) {
}
