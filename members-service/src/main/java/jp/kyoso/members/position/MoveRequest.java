package jp.kyoso.members.position;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.support.Strings;

/**
 * {@code POST /api/members/me/moves}: the new position and the day it took effect (JST). The date is taken as text
 * and checked here, so that a malformed one is a field problem like any other rather than an unreadable body.
 */
public record MoveRequest(
        @NotNull(message = "{position.organization.missing}")
        @Size(max = 100, message = "{profile.organization.too-long}")
        @Pattern(regexp = Strings.NOT_BLANK, message = "{position.organization.missing}")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = "{organization.code-format}")
        String organizationCode,
        @Size(max = 100, message = "{profile.department.too-long}")
        String department,
        @NotNull(message = "{position.effective-date.missing}")
        @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "{position.effective-date.malformed}")
        String effectiveDate) {
}
