package jp.kyoso.members.registration;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedEmailDomains  domains (and their subdomains) whose staff may register without an invitation;
 *                             {@code KYOSO_ALLOWED_EMAIL_DOMAINS}
 * @param adminEmails          addresses that become ADMIN when verified; {@code KYOSO_ADMIN_EMAILS}
 * @param verificationLifetime how long a verification link works
 * @param mailInterval         at most one verification or "already registered" mail per member in this time, so
 *                             that the public endpoints cannot be used to flood someone's mailbox
 * @param passwordHashStrength BCrypt cost (log rounds) of the BCrypt encoder; new hashes are Argon2id
 *                             ({@code kyoso.members.passwords}), BCrypt only checks hashes of earlier versions
 */
@ConfigurationProperties("kyoso.members.registration")
public record RegistrationProperties(List<String> allowedEmailDomains, List<String> adminEmails,
                                     Duration verificationLifetime, Duration mailInterval,
                                     Integer passwordHashStrength) {
    public RegistrationProperties {
        allowedEmailDomains = normalized(allowedEmailDomains == null ? List.of("lg.jp", "go.jp") : allowedEmailDomains);
        adminEmails = normalized(adminEmails == null ? List.of() : adminEmails);
        verificationLifetime = verificationLifetime == null ? Duration.ofHours(24) : verificationLifetime;
        mailInterval = mailInterval == null ? Duration.ofMinutes(1) : mailInterval;
        passwordHashStrength = passwordHashStrength == null ? 10 : passwordHashStrength;
    }

    private static List<String> normalized(List<String> values) {
        return values.stream().map(value -> value.trim().toLowerCase(Locale.ROOT))
                .map(value -> value.startsWith(".") ? value.substring(1) : value)
                .filter(value -> !value.isEmpty()).distinct().toList();
    }
}
