package jp.kyoso.members.verification;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "auth", description = "登録・確認・ログイン / Registration, verification, login")
class VerificationController {
    private final VerificationService verification;

    VerificationController(VerificationService verification) {
        this.verification = verification;
    }

    record VerifyRequest(@NotBlank(message = "{verification.token.missing}")
                         @Size(max = 200, message = "{verification.token.invalid}") String token) {
        @Override
        public String toString() {
            return "VerifyRequest[token hidden]";
        }
    }

    record ResendRequest(String email) {
    }

    @PostMapping("/api/auth/verify")
    @Operation(operationId = "verifyEmail",
            summary = "メールのトークンでアドレスを確認する / Verify the email address with the mailed token")
    VerificationService.Verified verify(@Valid @RequestBody VerifyRequest request) {
        return verification.verify(request.token().trim());
    }

    /** 202 whatever the address: nobody can learn from this endpoint who is registered. */
    @PostMapping("/api/auth/verify/resend")
    @Operation(operationId = "resendVerification", summary = "確認メールを再送する / Send the verification mail again")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@RequestBody(required = false) ResendRequest request) {
        if (request != null) {
            verification.resend(request.email());
        }
    }
}
