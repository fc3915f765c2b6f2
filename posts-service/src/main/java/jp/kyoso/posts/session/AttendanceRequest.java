package jp.kyoso.posts.session;

import jakarta.validation.constraints.NotNull;

public record AttendanceRequest(
        @NotNull(message = "{session.attended.required}")
        Boolean attended) {
}
