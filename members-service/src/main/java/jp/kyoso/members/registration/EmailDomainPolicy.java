package jp.kyoso.members.registration;

import java.util.List;
import java.util.Locale;
import jp.kyoso.members.support.EmailAddresses;

/**
 * Whether an address belongs to the public sector: its domain is an allowed domain or a subdomain of one, compared
 * case-insensitively on a dot boundary. {@code city.naha.lg.jp} is in {@code lg.jp}; {@code evil-lg.jp},
 * {@code lg.jp.evil.com} and {@code notgo.jp} are not.
 */
public class EmailDomainPolicy {
    private final List<String> allowedDomains;

    public EmailDomainPolicy(List<String> allowedDomains) {
        this.allowedDomains = allowedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean allows(String email) {
        String domain = EmailAddresses.domainOf(EmailAddresses.normalize(email));
        if (domain.endsWith(".")) {
            // "city.naha.lg.jp." is the same host written fully qualified
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty()) {
            return false;
        }
        for (String allowed : allowedDomains) {
            if (domain.equals(allowed) || domain.endsWith("." + allowed)) {
                return true;
            }
        }
        return false;
    }
}
