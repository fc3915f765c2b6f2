package jp.kyoso.posts.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;

/** A reply as the API shows it; {@code isAnswer} is true on the reply chosen as its question's answer (解決済み). */
public record ReplyView(String id, String postId, String body, AuthorView author, Instant createdAt,
                        @JsonProperty("isAnswer") boolean isAnswer) {
    static ReplyView of(Reply reply) {
        return of(reply, false);
    }

    static ReplyView of(Reply reply, boolean isAnswer) {
        return new ReplyView(reply.id(), reply.postId(), reply.body(), reply.author().view(), reply.createdAt(),
                isAnswer);
    }
}
