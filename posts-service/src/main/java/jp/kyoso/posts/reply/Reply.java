package jp.kyoso.posts.reply;

import java.time.Instant;
import java.util.List;
import jp.kyoso.posts.member.Author;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reply in a post's flat thread. Its ReplyAdded event is written into the post's outbox, with the reply itself
 * (see {@link PendingReplies}), so that it stays in order with the post's other events.
 *
 * @param organizationAtPosting the author's organization when the reply was written (member.OrganizationAtPosting);
 *                              null when unknown then and in replies written before it was recorded
 * @param organizationCodeAtPosting the 全国地方公共団体コード of that organization (member.OrganizationCodesAtPosting)
 */
@Document("replies")
public record Reply(@Id String id, String postId, String body, Author author, List<String> mentionedMemberIds,
                    Instant createdAt, String organizationAtPosting,
                    String organizationCodeAtPosting) {
}
