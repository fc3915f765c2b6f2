package jp.kyoso.members.login;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "auth", description = "登録・確認・ログイン / Registration, verification, login")
class LoginController {
    private static final String WEB_CLIENT_DOC = "`web` のブラウザーはリフレッシュトークンを HttpOnly クッキー kyoso_refresh で"
            + "受け取り、本文には含まれません / `web`: the refresh token travels in the HttpOnly cookie kyoso_refresh "
            + "(Path=/api/auth, SameSite=Strict, Secure) and is left out of the JSON body";

    private final SessionService sessions;
    private final ClientAddresses addresses;
    private final RefreshCookies cookies;
    private final KnownDeviceCookie deviceCookie;

    LoginController(SessionService sessions, ClientAddresses addresses, RefreshCookies cookies,
                    KnownDeviceCookie deviceCookie) {
        this.sessions = sessions;
        this.addresses = addresses;
        this.cookies = cookies;
        this.deviceCookie = deviceCookie;
    }

    record LoginRequest(@NotBlank(message = "{email.missing}")
                        @Size(max = 254, message = "{email.too-long}")
                        String email,
                        @NotNull(message = "{login.password.missing}")
                        @Size(max = 200, message = "{login.password.too-long}")
                        String password) {
        @Override
        public String toString() {
            return "LoginRequest[hidden]";
        }
    }

    /** {@code refreshToken} may be left out by a web client, whose token is in the cookie. */
    record RefreshRequest(@Size(max = 200, message = "{login.refresh-token.too-long}")
                          String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[hidden]";
        }
    }

    @PostMapping("/api/auth/login")
    @Operation(operationId = "login", summary = "ログインしてトークンの組を受け取る / Log in and get a token pair")
    ResponseEntity<SessionService.TokenPair> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
            @RequestHeader(name = RefreshCookies.CLIENT_HEADER, required = false) @Parameter(
                    description = WEB_CLIENT_DOC, schema = @Schema(allowableValues = "web")) String client) {
        SessionService.LoginResult result = sessions.login(request.email(), request.password(), addresses.of(http),
                KnownDeviceCookie.read(http));
        return answer(result.pair(), http, deviceCookie.holding(result.deviceToken()).toString());
    }

    @PostMapping("/api/auth/refresh")
    @Operation(operationId = "refreshSession",
            summary = "リフレッシュトークンで新しい組を受け取る（古いものは無効に） / Trade a refresh token for a new pair")
    ResponseEntity<SessionService.TokenPair> refresh(@Valid @RequestBody(required = false) RefreshRequest request,
                                                     HttpServletRequest http,
            @RequestHeader(name = RefreshCookies.CLIENT_HEADER, required = false) @Parameter(
                    description = WEB_CLIENT_DOC, schema = @Schema(allowableValues = "web")) String client) {
        return answer(sessions.refresh(refreshToken(request, http)), http, null);
    }

    /** 204 also for a token that is unknown or already revoked: logging out twice is not an error. */
    @PostMapping("/api/auth/logout")
    @Operation(operationId = "logout", summary = "ログアウトする（リフレッシュトークンの系列を無効に） / Log out")
    ResponseEntity<Void> logout(@Valid @RequestBody(required = false) RefreshRequest request,
                                HttpServletRequest http,
            @RequestHeader(name = RefreshCookies.CLIENT_HEADER, required = false) @Parameter(
                    description = WEB_CLIENT_DOC, schema = @Schema(allowableValues = "web")) String client) {
        boolean web = RefreshCookies.isWeb(http);
        String token = bodyToken(request);
        if (token == null && web) {
            token = RefreshCookies.read(http);
        }
        if (token == null && !web) {
            throw missingToken();
        }
        if (token != null) {
            sessions.logout(token);
        }
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.noContent();
        if (web) {
            answer.header(HttpHeaders.SET_COOKIE, cookies.cleared().toString());
        }
        return answer.build();
    }

    /**
     * Needs the access token (unlike {@code /logout}): every refresh token of the caller, of every login, stops
     * working, so every device has to log in again; the access tokens already issued are revoked too
     * ({@code MemberTokensRevoked}: refused here at once, by the other services and the gateway within seconds).
     */
    @PostMapping("/api/auth/logout-all")
    @Operation(operationId = "logoutAllSessions",
            summary = "すべての端末からログアウトする（全リフレッシュトークンを無効に） / Log out on every device")
    ResponseEntity<Void> logoutAll(@AuthenticationPrincipal Jwt jwt, HttpServletRequest http,
            @RequestHeader(name = RefreshCookies.CLIENT_HEADER, required = false) @Parameter(
                    description = "`web` のブラウザーは kyoso_refresh クッキーも消されます / `web`: the kyoso_refresh "
                            + "cookie is cleared too", schema = @Schema(allowableValues = "web")) String client) {
        sessions.logoutEverywhere(CurrentMember.of(jwt).id());
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.noContent();
        if (RefreshCookies.isWeb(http)) {
            answer.header(HttpHeaders.SET_COOKIE, cookies.cleared().toString());
        }
        return answer.build();
    }

    /** {@code deviceCookie}: the known-device cookie of a login, for every kind of client; null on refresh. */
    private ResponseEntity<SessionService.TokenPair> answer(SessionService.TokenPair pair, HttpServletRequest http,
                                                           String deviceCookie) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        boolean web = RefreshCookies.isWeb(http);
        if (web) {
            // first: clients that read one Set-Cookie expect the refresh token's
            answer.header(HttpHeaders.SET_COOKIE, cookies.holding(pair.refreshToken()).toString());
        }
        if (deviceCookie != null) {
            answer.header(HttpHeaders.SET_COOKIE, deviceCookie);
        }
        return answer.body(web ? pair.withoutRefreshToken() : pair);
    }

    private static String refreshToken(RefreshRequest request, HttpServletRequest http) {
        String token = bodyToken(request);
        if (token == null && RefreshCookies.isWeb(http)) {
            token = RefreshCookies.read(http);
        }
        if (token == null) {
            throw missingToken();
        }
        return token;
    }

    private static String bodyToken(RefreshRequest request) {
        return request == null || request.refreshToken() == null || request.refreshToken().isBlank() ? null
                : request.refreshToken();
    }

    private static RuntimeException missingToken() {
        return InputProblems.malformed("refreshToken", Messages.get("login.refresh-token.missing"));
    }

    @ExceptionHandler(TooManyLoginAttempts.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyLoginAttempts e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                Messages.get("login.too-many-attempts.title"),
                Messages.get("login.too-many-attempts.detail", String.valueOf(e.retryAfterSeconds())), null);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
