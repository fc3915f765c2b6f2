package jp.kyoso.posts.answer;

import jakarta.validation.constraints.NotBlank;

/** {@code PUT /api/posts/{id}/answer}: the reply of the question's thread that answers it. */
public record ChooseAnswerRequest(@NotBlank(message = "{answer.reply-id.required}") String replyId) {
}
