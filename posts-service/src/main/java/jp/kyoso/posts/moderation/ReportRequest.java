package jp.kyoso.posts.moderation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ReportRequest(
        @NotBlank(message = "{moderation.report.reason.required}")
        @Size(max = 1000, message = "{moderation.report.reason.too-long}")
        String reason) {
}
