package jp.kyoso.members.deactivation;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class DeactivationController {
    private final DeactivationService deactivation;

    DeactivationController(DeactivationService deactivation) {
        this.deactivation = deactivation;
    }

    /** 204 also when repeated (the security filter lets a deactivated member's token through for this call only). */
    @DeleteMapping("/api/members/me")
    @Operation(operationId = "deactivateOwnAccount", summary = "退会する（個人情報を消去） / Leave Kyoso; personal data is erased")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@AuthenticationPrincipal Jwt jwt) {
        deactivation.deactivate(CurrentMember.of(jwt).id());
    }
}
