package jp.kyoso.members.support;

public final class Strings {
    /**
     * For {@code @Pattern} on optional fields that may not be emptied: null passes, anything else needs a character
     * that is not white space (Unicode's white space included, so a lone full-width space is blank too).
     */
    public static final String NOT_BLANK = "(?sU).*\\S.*";

    private Strings() {
    }

    /** Optional text fields: blank means "not given" (or "clear it" in a profile update), anything else is trimmed. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
