package jp.kyoso.members.profile;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.support.Strings;

/**
 * {@code PATCH /api/members/me}: a field left out (or null) stays as it is; an empty string clears an optional field
 * (organizationCode, prefecture, department, bio) and an empty list clears the interests. The required fields
 * (displayName, organization) cannot be emptied: blank is the same 400 as at registration.
 */
public record ProfileUpdate(
        @Size(max = 50, message = "{profile.display-name.too-long}")
        @Pattern(regexp = Strings.NOT_BLANK, message = "{profile.display-name.blank}")
        String displayName,
        @Size(max = 100, message = "{profile.organization.too-long}")
        @Pattern(regexp = Strings.NOT_BLANK, message = "{profile.organization.blank}")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = "{organization.code-format}")
        String organizationCode,
        // Not length-checked here: any name that is not one of the 47 is the same 422 (OrganizationFields).
        String prefecture,
        @Size(max = 100, message = "{profile.department.too-long}")
        String department,
        @Size(max = 2000, message = "{profile.bio.too-long}")
        String bio,
        @Size(max = 10, message = "{profile.interests.too-many}")
        List<@NotBlank(message = "{profile.interest.blank}")
             @Size(max = 30, message = "{profile.interest.too-long}")
             String> interests) {
}
