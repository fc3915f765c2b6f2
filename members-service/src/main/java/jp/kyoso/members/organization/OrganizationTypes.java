package jp.kyoso.members.organization;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Tells the kind of body a member works for from their organization code (the {@link Municipalities} catalogue) and,
 * for the activation funnel's {@link OrganizationType}, also from their email address.
 */
@Component
public class OrganizationTypes {
    private static final String GO_JP = "go.jp";

    private final Municipalities municipalities;

    public OrganizationTypes(Municipalities municipalities) {
        this.municipalities = municipalities;
    }

    /**
     * @param organizationCode six digits, or null when the member gave none
     * @param email            the member's normalized address, or null once a deactivated member's was erased
     */
    public OrganizationType of(String organizationCode, String email) {
        if (email != null && isUnderGoJp(email)) {
            return OrganizationType.NATIONAL;
        }
        if (organizationCode == null || organizationCode.isBlank()) {
            // Local staff give their body's code; a member without one is taken as national staff (the usual case
            // for invited members of ministries), unless they left and nothing is known any more.
            return email == null ? OrganizationType.OTHER : OrganizationType.NATIONAL;
        }
        OrganizationKind kind = kindOf(organizationCode);
        return kind == null ? OrganizationType.OTHER : kind.type();
    }

    /**
     * The kind the directory and "towns like mine" show for an active member: the code's kind; {@code 国} without a
     * code (as {@link #of} takes members without one); null for a valid code that is not in the 2021 list. Unlike
     * {@link #of} it never looks at the email address, which other members must not learn anything about.
     */
    public OrganizationKind kindOf(String organizationCode) {
        if (organizationCode == null || organizationCode.isBlank()) {
            return OrganizationKind.NATIONAL;
        }
        return municipalities.byCode(organizationCode).map(Municipality::kind).orElse(null);
    }

    private static boolean isUnderGoJp(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domain.equals(GO_JP) || domain.endsWith("." + GO_JP);
    }
}
