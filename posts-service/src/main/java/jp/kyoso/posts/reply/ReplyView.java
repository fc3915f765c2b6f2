package jp.kyoso.posts.reply;

import java.time.Instant;
import jp.kyoso.posts.member.AuthorView;

public record ReplyView(String id, String postId, String body, AuthorView author, Instant createdAt) {
    static ReplyView of(Reply reply) {
        return new ReplyView(reply.id(), reply.postId(), reply.body(), reply.author().view(), reply.createdAt());
    }
}
