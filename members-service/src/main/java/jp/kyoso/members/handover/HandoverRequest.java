package jp.kyoso.members.handover;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.registration.RegistrationRequest;

/**
 * {@code POST /api/members/me/handovers}. {@code position}: "current" (the position held now) or "previous" (the one
 * just left, within 90 days of the move); left out, the previous one if there is such a recent move, else current.
 */
public record HandoverRequest(
        @NotBlank(message = "後任の方のメールアドレスを入力してください / Enter your successor's email address")
        @Size(max = 254, message = "メールアドレスが長すぎます / The email address is too long")
        @Pattern(regexp = RegistrationRequest.EMAIL, message = "メールアドレスの形式が正しくありません / "
                + "This is not a valid email address")
        String successorEmail,
        @Size(max = 1000, message = "引き継ぎメモは1000文字以下にしてください / The note must be at most 1000 characters")
        String note,
        @Pattern(regexp = "current|previous", message = "position は current か previous です / "
                + "position must be current or previous")
        String position) {
}
