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
        @Size(max = 50, message = "表示名は50文字以下にしてください / The display name must be at most 50 characters")
        @Pattern(regexp = Strings.NOT_BLANK, message = "表示名を空にはできません / The display name cannot be empty")
        String displayName,
        @Size(max = 100, message = "所属は100文字以下にしてください / The organization must be at most 100 characters")
        @Pattern(regexp = Strings.NOT_BLANK, message = "所属を空にはできません / The organization cannot be empty")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = OrganizationFields.CODE_FORMAT_MESSAGE)
        String organizationCode,
        // Not length-checked here: any name that is not one of the 47 is the same 422 (OrganizationFields).
        String prefecture,
        @Size(max = 100, message = "部署は100文字以下にしてください / The department must be at most 100 characters")
        String department,
        @Size(max = 2000, message = "自己紹介は2000文字以下にしてください / The bio must be at most 2000 characters")
        String bio,
        @Size(max = 10, message = "関心分野は10個までです / At most 10 interests")
        List<@NotBlank(message = "空の関心分野は登録できません / An interest cannot be empty")
             @Size(max = 30, message = "関心分野は1つ30文字以下にしてください / Each interest must be at most 30 characters")
             String> interests) {
}
