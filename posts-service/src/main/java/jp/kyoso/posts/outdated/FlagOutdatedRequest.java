package jp.kyoso.posts.outdated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/posts/{id}/outdated-flags}: why the post may be out of date (法改正・通知の改正) and, optionally,
 * where the newer law or notice is (an http or https URL).
 */
public record FlagOutdatedRequest(
        @NotBlank(message = "理由を入力してください / reason is required")
        @Size(max = 500, message = "理由は 500 文字以内です / reason: at most 500 characters")
        String reason,
        @Size(max = 2000, message = "リンクは 2,000 文字以内です / link: at most 2,000 characters")
        String link) {
}
