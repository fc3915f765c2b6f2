package jp.kyoso.members.deactivation;

import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeactivationController {
    private final DeactivationService deactivation;

    DeactivationController(DeactivationService deactivation) {
        this.deactivation = deactivation;
    }

    /** 204 also when repeated (the security filter lets a deactivated member's token through for this call only). */
    @DeleteMapping("/api/members/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@AuthenticationPrincipal Jwt jwt) {
        deactivation.deactivate(CurrentMember.of(jwt).id());
    }
}
