package jp.kyoso.members.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.password.PasswordHashingBusy;
import jp.kyoso.members.password.PasswordUpgrade;
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
    private final KnownDevices devices;
    private final ClientAddresses addresses;
    private final LoginProperties properties;
    private final AccessTokenRevocation accessTokenRevocation;
    private final PasswordUpgrade passwordUpgrade;
    // Compared against when the address is unknown, so that an unknown address takes as long as a wrong password.
    private final String decoyHash;

    SessionService(Members members, PasswordEncoder passwordEncoder, AccessTokens accessTokens,
                   RefreshTokens refreshTokens, LoginAttempts attempts, AccessTokenRevocation accessTokenRevocation,
                   PasswordUpgrade passwordUpgrade, KnownDevices devices, ClientAddresses addresses,
                   LoginProperties properties) {
        this.members = members;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.attempts = attempts;
        this.devices = devices;
        this.addresses = addresses;
        this.properties = properties;
        this.accessTokenRevocation = accessTokenRevocation;
        this.passwordUpgrade = passwordUpgrade;
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

    /** A successful login: the token pair, and the known-device token the client keeps from now on. */
    record LoginResult(TokenPair pair, String deviceToken) {
        @Override
        public String toString() {
            return "LoginResult[hidden]";
        }
    }

    /**
     * A login from a known device of the account ({@code deviceToken}) is limited only by that device's own failures;
     * any other by the account's failures (a progressive delay) and its client address's (a ceiling, higher or none for
     * a shared egress). See README "Login limits".
     */
    LoginResult login(String rawEmail, String password, String clientAddress, String deviceToken) {
        String email = EmailAddresses.normalize(rawEmail);
        String emailKey = "email:" + Secrets.sha256(email);
        Optional<Member> found = members.byEmail(email);
        Optional<String> deviceKey = found.flatMap(member -> devices.recognise(deviceToken, member.id()));
        String failureKey = deviceKey.orElse(emailKey);
        List<LoginAttempts.Limit> limits = new ArrayList<>();
        limits.add(LoginAttempts.Limit.delay(failureKey));
        if (deviceKey.isEmpty()) {
            int addressCeiling = addresses.isSharedEgress(clientAddress) ? properties.sharedEgressMaxFailures()
                    : properties.addressMaxFailures();
            if (addressCeiling > 0) {
                limits.add(LoginAttempts.Limit.ceiling("address:" + clientAddress, addressCeiling));
            }
        }
        LoginAttempts.Attempt attempt = attempts.begin(limits);
        String hash = found.map(Member::passwordHash).orElse(decoyHash);
        boolean matches;
        try {
            matches = passwordEncoder.matches(password, hash == null ? decoyHash : hash);
        } catch (PasswordHashingBusy notChecked) {
            // no failure either: the password was never compared
            attempts.forget(attempt);
            throw notChecked;
        }
        if (found.isEmpty() || !matches) {
            // The recorded attempt stays: it is the failure.
            throw wrongCredentials();
        }
        // The right password is no failure, whatever follows.
        attempts.forget(attempt);
        Member member = found.get();
        // the one moment the password is known: a hash of an older form becomes Argon2id
        passwordUpgrade.afterSuccessfulMatch(member.id(), hash, password);
        if (member.status() == MemberStatus.PENDING_VERIFICATION) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, Messages.get("login.not-verified.title"),
                    Messages.get("login.not-verified.detail"));
        }
        if (!member.isActive()) {
            throw wrongCredentials();
        }
        // Only the failures of the way in that just worked: a known device's success leaves a stranger's delay on
        // the account as it was.
        attempts.clear(failureKey);
        String device = devices.remember(member.id(), deviceToken, deviceKey.isPresent());
        return new LoginResult(pair(member, refreshTokens.issueNewFamily(member.id())), device);
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

    /** Every refresh token of the member, of every login (family), stops working, and so do the access tokens. */
    void logoutEverywhere(String memberId) {
        refreshTokens.revokeAllOf(memberId);
        accessTokenRevocation.revokeAllOf(memberId);
        log.info("Member {} logged out on every device", memberId);
    }

    private TokenPair pair(Member member, String refreshToken) {
        return new TokenPair(accessTokens.issue(member), refreshToken, "Bearer", accessTokens.lifetimeSeconds());
    }

    private static ApiProblem wrongCredentials() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, Messages.get("login.failed.title"),
                Messages.get("login.failed.detail"));
    }

    private static ApiProblem invalidRefreshToken() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, Messages.get("login.refresh-invalid.title"),
                Messages.get("login.refresh-invalid.detail"));
    }
}
