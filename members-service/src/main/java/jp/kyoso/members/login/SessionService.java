package jp.kyoso.members.login;

import java.util.List;
import java.util.Optional;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.token.AccessTokens;
import jp.kyoso.members.token.RefreshToken;
import jp.kyoso.members.token.RefreshTokens;
import jp.kyoso.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Log-in, refresh and log-out: the token pairs a member's client holds. */
@Service
class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final Members members;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginAttempts attempts;
    // Compared against when the address is unknown, so that an unknown address takes as long as a wrong password.
    private final String decoyHash;

    SessionService(Members members, PasswordEncoder passwordEncoder, AccessTokens accessTokens,
                   RefreshTokens refreshTokens, LoginAttempts attempts) {
        this.members = members;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.attempts = attempts;
        this.decoyHash = passwordEncoder.encode(Secrets.newToken());
    }

    /** {@code refreshToken} is absent for a web client, which gets it as a cookie. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        TokenPair withoutRefreshToken() {
            return new TokenPair(accessToken, null, tokenType, expiresIn);
        }

        @Override
        public String toString() {
            return "TokenPair[hidden]";
        }
    }

    TokenPair login(String rawEmail, String password, String clientAddress) {
        String email = EmailAddresses.normalize(rawEmail);
        String emailKey = "email:" + Secrets.sha256(email);
        LoginAttempts.Attempt attempt = attempts.begin(List.of(emailKey, "address:" + clientAddress));
        Optional<Member> found = members.byEmail(email);
        String hash = found.map(Member::passwordHash).orElse(decoyHash);
        boolean matches = passwordEncoder.matches(password, hash == null ? decoyHash : hash);
        if (found.isEmpty() || !matches) {
            // The recorded attempt stays: it is the failure.
            throw wrongCredentials();
        }
        // The right password is no failure, whatever follows.
        attempts.forget(attempt);
        Member member = found.get();
        if (member.status() == MemberStatus.PENDING_VERIFICATION) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "メールアドレスの確認が必要です / Email address not verified",
                    "メールアドレスの確認が済んでいません。確認メールのリンクを開いてからログインしてください"
                            + "（届いていなければ再送できます） / Please verify your email address first: open the link "
                            + "in the verification mail (you can ask for it to be sent again)");
        }
        if (!member.isActive()) {
            throw wrongCredentials();
        }
        attempts.clear(emailKey);
        return pair(member, refreshTokens.issueNewFamily(member.id()));
    }

    TokenPair refresh(String token) {
        RefreshToken spent = refreshTokens.spend(token);
        if (spent == null) {
            throw invalidRefreshToken();
        }
        Member member = members.byId(spent.memberId()).filter(Member::isActive).orElse(null);
        if (member == null) {
            refreshTokens.revokeFamily(spent.familyId());
            throw invalidRefreshToken();
        }
        // Read fresh from the database: changed roles and names take effect here.
        String next = refreshTokens.issue(member.id(), spent.familyId());
        if (refreshTokens.revoked(spent)) {
            // a logout on every device came between spending the token and issuing its successor
            refreshTokens.revokeFamily(spent.familyId());
            throw invalidRefreshToken();
        }
        return pair(member, next);
    }

    void logout(String token) {
        refreshTokens.revokeFamilyOf(token);
    }

    /** Every refresh token of the member, of every login (family), stops working. */
    void logoutEverywhere(String memberId) {
        refreshTokens.revokeAllOf(memberId);
        log.info("Member {} logged out on every device", memberId);
    }

    private TokenPair pair(Member member, String refreshToken) {
        return new TokenPair(accessTokens.issue(member), refreshToken, "Bearer", accessTokens.lifetimeSeconds());
    }

    private static ApiProblem wrongCredentials() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "ログインできません / Login failed",
                "メールアドレスかパスワードが正しくありません / The email address or the password is wrong");
    }

    private static ApiProblem invalidRefreshToken() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "再ログインが必要です / Please log in again",
                "リフレッシュトークンが無効か、期限切れか、既に使われています。もう一度ログインしてください / "
                        + "The refresh token is invalid, has expired or has already been used; please log in again");
    }
}
