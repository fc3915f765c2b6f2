package jp.kyoso.members.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.support.MaxUtf8Bytes;
import jp.kyoso.members.support.Strings;

public record RegistrationRequest(
        @NotBlank(message = "{email.missing}")
        @Size(max = 254, message = "{email.too-long}")
        @Pattern(regexp = EMAIL, message = "{email.malformed}")
        String email,
        @NotNull(message = "{registration.password.missing}")
        @Size(min = 10, max = 64, message = "{registration.password.length}")
        @MaxUtf8Bytes(value = 72, message = "{registration.password.too-many-bytes}")
        String password,
        @NotNull(message = "{registration.display-name.missing}")
        @Size(max = 50, message = "{profile.display-name.too-long}")
        @Pattern(regexp = Strings.NOT_BLANK, message = "{registration.display-name.missing}")
        String displayName,
        @NotNull(message = "{registration.handle.missing}")
        @Pattern(regexp = "[a-z0-9_]{3,30}", message = "{registration.handle.malformed}")
        String handle,
        @NotNull(message = "{registration.organization.missing}")
        @Size(max = 100, message = "{profile.organization.too-long}")
        @Pattern(regexp = Strings.NOT_BLANK, message = "{registration.organization.missing}")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = "{organization.code-format}")
        String organizationCode,
        @Size(max = 100, message = "{registration.invitation-code.too-long}")
        String invitationCode) {

    /** local@domain, the domain made of DNS labels; stricter than jakarta's @Email, which accepts "a@b". */
    public static final String EMAIL = "[^@\\s\"(),:;<>\\[\\]\\\\]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
            + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?";

    @Override
    public String toString() {
        // a request must never end up in a log line with its password
        return "RegistrationRequest[handle=" + handle + "]";
    }
}
