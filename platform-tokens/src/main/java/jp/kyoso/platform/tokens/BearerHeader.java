package jp.kyoso.platform.tokens;

/**
 * Reads an access token from an {@code Authorization} header by Spring Security's own rule (RFC 6750's
 * {@code b64token}), without its regular expression. Spring Security's resolvers match
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} case-insensitively on every request; over the ~800 characters of our
 * tokens that match was about 6 % of the gateway's CPU samples and 2 % of posts-service's. This is the same rule as a
 * plain loop, used by the gateway's and the services' resolvers, so that both accept and refuse exactly what Spring
 * Security's would ({@code BearerHeaderTest} compares them).
 */
public final class BearerHeader {
    private static final String SCHEME = "Bearer ";

    private BearerHeader() {
    }

    /**
     * Whether the header names the bearer scheme at all (it starts with "bearer", in any case): if it does not, the
     * request carries no bearer token and is anonymous; if it does, its token must be well-formed.
     */
    public static boolean namesBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1);
    }

    /** The token of a well-formed {@code Bearer <token>} header; null when the header is anything else. */
    public static String wellFormedToken(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length() || !startsWithScheme(authorization)) {
            return null;
        }
        int length = authorization.length();
        int i = SCHEME.length();
        while (i < length && isTokenCharacter(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return null;
        }
        while (i < length && authorization.charAt(i) == '=') {
            i++;
        }
        return i == length ? authorization.substring(SCHEME.length()) : null;
    }

    /** "Bearer " in ASCII letters of any case: the regex is case-insensitive for US-ASCII only. */
    private static boolean startsWithScheme(String authorization) {
        for (int i = 0; i < SCHEME.length(); i++) {
            char c = authorization.charAt(i);
            char expected = SCHEME.charAt(i);
            if (c != expected && !(c >= 'A' && c <= 'Z' && (char) (c + 32) == expected)
                    && !(c >= 'a' && c <= 'z' && (char) (c - 32) == expected)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
