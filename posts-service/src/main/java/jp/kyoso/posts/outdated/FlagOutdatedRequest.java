package jp.kyoso.posts.outdated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/posts/{id}/outdated-flags}: why the post may be out of date (法改正・通知の改正) and, optionally,
 * where the newer law or notice is (an http or https URL).
 */
public record FlagOutdatedRequest(
        @NotBlank(message = "{outdated.reason.required}")
        @Size(max = 500, message = "{outdated.reason.too-long}")
        String reason,
        @Size(max = 2000, message = "{outdated.link.too-long}")
        String link) {
}
