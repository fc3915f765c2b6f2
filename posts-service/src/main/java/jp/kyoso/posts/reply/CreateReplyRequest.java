package jp.kyoso.posts.reply;

import jakarta.validation.constraints.NotBlank;

public record CreateReplyRequest(@NotBlank(message = "{reply.body.required}") String body) {
}
