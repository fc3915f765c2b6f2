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
        @NotBlank(message = "{handover.successor-email.missing}")
        @Size(max = 254, message = "{email.too-long}")
        @Pattern(regexp = RegistrationRequest.EMAIL, message = "{email.malformed}")
        String successorEmail,
        @Size(max = 1000, message = "{handover.note.too-long}")
        String note,
        @Pattern(regexp = "current|previous", message = "{handover.position.malformed}")
        String position) {
}
