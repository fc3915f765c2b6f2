package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A member the benchmark acts as: signs in when asked for a token and again when the token has run out. */
final class Member {
    static final String PASSWORD = "kyoso-benchmark-password";

    final String email;
    final String handle;
    private final Api api;
    private static final long TOKEN_RENEWED_AFTER_MILLIS = 10 * 60_000L;

    private volatile String token;
    private volatile long tokenTakenAt;
    private volatile String id;

    Member(Api api, String email, String handle) {
        this.api = api;
        this.email = email;
        this.handle = handle;
    }

    /** An access token and when it was taken (epoch milliseconds), as {@link BenchmarkState} keeps it. */
    record Token(String value, long takenAt) {
    }

    /** Access tokens live 15 minutes; a fresh one after 10 keeps long runs from meeting 401s. */
    String token() {
        return tokenLasting(0);
    }

    /**
     * A token that {@link #token()} will not replace for the next {@code millis}: a phase asks for one before its
     * clock starts, so that no sign-in lands inside the measured requests.
     */
    String tokenLasting(long millis) {
        if (token == null || System.currentTimeMillis() + millis - tokenTakenAt > TOKEN_RENEWED_AFTER_MILLIS) {
            signIn();
        }
        return token;
    }

    /** Takes a token an earlier run kept, if it is still fresh. */
    void restore(Token kept) {
        if (kept != null && System.currentTimeMillis() - kept.takenAt() < TOKEN_RENEWED_AFTER_MILLIS) {
            token = kept.value();
            tokenTakenAt = kept.takenAt();
        }
    }

    /** The token held now, or null. */
    Token held() {
        return token == null ? null : new Token(token, tokenTakenAt);
    }

    String id() {
        if (id == null) {
            id = api.call(api.get("/api/members/me", token())).path("id").asText();
        }
        return id;
    }

    synchronized void signIn() {
        JsonNode tokens = api.call(api.post("/api/auth/login", null, Map.of("email", email, "password", PASSWORD)));
        token = tokens.path("accessToken").asText();
        tokenTakenAt = System.currentTimeMillis();
    }
}
