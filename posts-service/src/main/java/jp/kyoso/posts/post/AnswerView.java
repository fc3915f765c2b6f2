package jp.kyoso.posts.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;
import jp.kyoso.posts.member.OrganizationAtPosting;

/**
 * A question's chosen answer as posts show it: enough to show it right under the question without the thread.
 *
 * @param excerpt  the first 200 characters of the reply as plain text
 * @param chosenBy the member id of who chose it (the question's author or a moderator)
 * @param organizationCodeAtPosting the 全国地方公共団体コード the answer was written from, when known (「同じような町」:
 *                 which town solved it); never for a former member
 */
public record AnswerView(String replyId, AuthorView author, String excerpt, Instant chosenAt, String chosenBy,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String organizationCodeAtPosting) {

    static AnswerView of(ChosenAnswer answer) {
        return new AnswerView(answer.replyId(), answer.author().view(), answer.excerpt(), answer.chosenAt(),
                answer.chosenBy(), OrganizationAtPosting.codeShown(answer.author(), answer.organizationCodeAtPosting()));
    }
}
