package jp.kyoso.posts.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReportRequest(
        @NotBlank(message = "通報の理由を入力してください / reason is required")
        @Size(max = 1000, message = "理由は 1,000 文字以内です / reason: at most 1,000 characters")
        String reason) {
}
