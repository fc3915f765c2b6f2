package jp.kyoso.members.invitation;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class InvitationController {
    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    record InvitationRequest(
            @Size(max = 254, message = "メールアドレスが長すぎます / The email address is too long")
            @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "メールアドレスの形式が正しくありません / "
                    + "This is not a valid email address")
            String email,
            @Size(max = 500, message = "メモは500文字以下にしてください / The note must be at most 500 characters")
            String note) {
    }

    @PostMapping("/api/members/invitations")
    @Operation(operationId = "createInvitation",
            summary = "招待コードを発行する（モデレーター） / Create an invitation code (moderators)")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    Invitations.Created create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody(required = false) InvitationRequest request) {
        InvitationRequest body = request == null ? new InvitationRequest(null, null) : request;
        String email = body.email() == null || body.email().isBlank() ? null : EmailAddresses.normalize(body.email());
        return invitations.create(email, body.note(), CurrentMember.of(jwt).id());
    }
}
