package jp.kyoso.members.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.kyoso.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {
    private final SessionService sessions;
    private final TrustedProxies trustedProxies;

    LoginController(SessionService sessions, LoginProperties properties) {
        this.sessions = sessions;
        this.trustedProxies = new TrustedProxies(properties.trustedProxies());
    }

    record LoginRequest(@NotBlank(message = "メールアドレスを入力してください / Enter your email address")
                        @Size(max = 254, message = "メールアドレスが長すぎます / The email address is too long")
                        String email,
                        @NotNull(message = "パスワードを入力してください / Enter your password")
                        @Size(max = 200, message = "パスワードが長すぎます / The password is too long")
                        String password) {
        @Override
        public String toString() {
            return "LoginRequest[hidden]";
        }
    }

    record RefreshRequest(@NotBlank(message = "リフレッシュトークンを指定してください / Send the refresh token")
                          @Size(max = 200, message = "無効なトークンです / Invalid token")
                          String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[hidden]";
        }
    }

    @PostMapping("/api/auth/login")
    SessionService.TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return sessions.login(request.email(), request.password(),
                ClientAddress.of(http, trustedProxies));
    }

    @PostMapping("/api/auth/refresh")
    SessionService.TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    /** 204 also for a token that is unknown or already revoked: logging out twice is not an error. */
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody RefreshRequest request) {
        sessions.logout(request.refreshToken());
    }

    @ExceptionHandler(TooManyLoginAttempts.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyLoginAttempts e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                "ログインの試行回数が多すぎます / Too many failed logins",
                "ログインの失敗が続いたため、しばらくログインできません。" + e.retryAfterSeconds()
                        + "秒後にもう一度お試しください / Too many failed logins: try again in "
                        + e.retryAfterSeconds() + " seconds", null);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
