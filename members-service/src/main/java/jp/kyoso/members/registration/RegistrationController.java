package jp.kyoso.members.registration;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "auth", description = "登録・確認・ログイン / Registration, verification, login")
class RegistrationController {
    private final RegistrationService registration;

    RegistrationController(RegistrationService registration) {
        this.registration = registration;
    }

    @PostMapping("/api/auth/register")
    @Operation(operationId = "register", summary = "メンバー登録を申し込む（確認メールが届く） / Register; a verification mail is sent")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RegistrationService.Registered register(@Valid @RequestBody RegistrationRequest request) {
        return registration.register(request);
    }
}
