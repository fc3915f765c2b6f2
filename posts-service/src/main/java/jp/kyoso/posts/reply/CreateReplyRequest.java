package jp.kyoso.posts.reply;

import jakarta.validation.constraints.NotBlank;

public record CreateReplyRequest(@NotBlank(message = "本文を入力してください / body is required") String body) {
}
