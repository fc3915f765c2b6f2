package jp.kyoso.members.support;

import java.util.Locale;

public final class EmailAddresses {
    private EmailAddresses() {
    }

    /**
     * One spelling per address, so that uniqueness, log-in and the allowlist agree. The local part is case-sensitive
     * in theory only; no public-sector mail system treats {@code Gima@} and {@code gima@} as two people.
     */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static String domainOf(String normalizedEmail) {
        int at = normalizedEmail.lastIndexOf('@');
        return at < 0 ? "" : normalizedEmail.substring(at + 1);
    }
}
