package jp.kyoso.posts.post;

import java.time.Instant;
import jp.kyoso.posts.member.Author;

/**
 * The reply chosen as a question's answer, kept in the question's document so that every list of posts shows it
 * without reading the replies. Replies are never edited, so the excerpt stays true; the author is a snapshot that
 * member events keep up to date, like the post's own.
 *
 * @param excerpt  the first 200 characters of the reply as plain text
 * @param chosenBy the member who chose it: the question's author or a moderator
 * @param organizationCodeAtPosting the reply's {@code organizationCodeAtPosting}: the town the answer was written
 *                 from, so that 「同じような町」 finds the questions its members solved
 *                 (member.OrganizationCodesAtPosting); null when unknown, erased when the reply's author leaves
 */
public record ChosenAnswer(String replyId, Author author, String excerpt, Instant chosenAt, String chosenBy,
                           String organizationCodeAtPosting) {
}
