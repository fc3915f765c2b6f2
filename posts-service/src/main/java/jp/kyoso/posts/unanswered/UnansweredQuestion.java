package jp.kyoso.posts.unanswered;

import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;

/** A question nobody but its author has replied to; {@code ageHours} whole hours since it was asked. */
public record UnansweredQuestion(String postId, String title, String channel, AuthorView author, Instant createdAt,
                                 long ageHours) {
}
