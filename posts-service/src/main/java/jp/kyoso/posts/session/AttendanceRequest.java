package jp.kyoso.posts.session;

import jakarta.validation.constraints.NotNull;

public record AttendanceRequest(
        @NotNull(message = "attended (true / false) を指定してください / attended is required")
        Boolean attended) {
}
