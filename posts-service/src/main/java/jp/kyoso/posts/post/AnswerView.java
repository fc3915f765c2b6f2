package jp.kyoso.posts.post;

import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;

/**
 * A question's chosen answer as posts show it: enough to show it right under the question without the thread.
 *
 * @param excerpt  the first 200 characters of the reply as plain text
 * @param chosenBy the member id of who chose it (the question's author or a moderator)
 */
public record AnswerView(String replyId, AuthorView author, String excerpt, Instant chosenAt, String chosenBy) {

    static AnswerView of(ChosenAnswer answer) {
        return new AnswerView(answer.replyId(), answer.author().view(), answer.excerpt(), answer.chosenAt(),
                answer.chosenBy());
    }
}
