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
        @NotNull(message = "異動先の所属を入力してください / Enter the new organization")
        @Size(max = 100, message = "所属は100文字以下にしてください / The organization must be at most 100 characters")
        @Pattern(regexp = Strings.NOT_BLANK, message = "異動先の所属を入力してください / Enter the new organization")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = OrganizationFields.CODE_FORMAT_MESSAGE)
        String organizationCode,
        @Size(max = 100, message = "部署は100文字以下にしてください / The department must be at most 100 characters")
        String department,
        @NotNull(message = "異動日を入力してください / Enter the effective date")
        @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "異動日は YYYY-MM-DD で入力してください / "
                + "The effective date must be YYYY-MM-DD")
        String effectiveDate) {
}
