package jp.kyoso.posts.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;
import jp.kyoso.posts.member.OrganizationAtPosting;

/**
 * A reply as the API shows it; {@code isAnswer} is true on the reply chosen as its question's answer (解決済み).
 * {@code authorOrganizationAtPosting} is the author's organization when the reply was written, there only when it
 * differs from the current one in {@code author}; {@code organizationCodeAtPosting} the 全国地方公共団体コード of the
 * organization it was written from, when known.
 */
public record ReplyView(String id, String postId, String body, AuthorView author, Instant createdAt,
                        @JsonProperty("isAnswer") boolean isAnswer,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String authorOrganizationAtPosting,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String organizationCodeAtPosting) {
    static ReplyView of(Reply reply) {
        return of(reply, false);
    }

    static ReplyView of(Reply reply, boolean isAnswer) {
        return new ReplyView(reply.id(), reply.postId(), reply.body(), reply.author().view(), reply.createdAt(),
                isAnswer, OrganizationAtPosting.shown(reply.author(), reply.organizationAtPosting()),
                OrganizationAtPosting.codeShown(reply.author(), reply.organizationCodeAtPosting()));
    }
}
