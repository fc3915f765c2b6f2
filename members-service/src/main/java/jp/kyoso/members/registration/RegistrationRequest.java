package jp.kyoso.members.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.support.MaxUtf8Bytes;
import jp.kyoso.members.support.Strings;

public record RegistrationRequest(
        @NotBlank(message = "メールアドレスを入力してください / Enter your email address")
        @Size(max = 254, message = "メールアドレスが長すぎます / The email address is too long")
        @Pattern(regexp = EMAIL, message = "メールアドレスの形式が正しくありません / This is not a valid email address")
        String email,
        @NotNull(message = "パスワードを入力してください / Enter a password")
        @Size(min = 10, max = 64, message = "パスワードは10文字以上64文字以下にしてください / "
                + "The password must be 10 to 64 characters long")
        @MaxUtf8Bytes(value = 72, message = "パスワードが長すぎます（UTF-8 で72バイトまで。全角文字は1文字3バイト） / "
                + "The password is too long: at most 72 bytes in UTF-8")
        String password,
        @NotNull(message = "表示名を入力してください / Enter a display name")
        @Size(max = 50, message = "表示名は50文字以下にしてください / The display name must be at most 50 characters")
        @Pattern(regexp = Strings.NOT_BLANK, message = "表示名を入力してください / Enter a display name")
        String displayName,
        @NotNull(message = "ハンドルを入力してください / Enter a handle")
        @Pattern(regexp = "[a-z0-9_]{3,30}", message = "ハンドルは半角英小文字・数字・アンダースコアで3〜30文字にしてください / "
                + "The handle must be 3 to 30 characters of a-z, 0-9 and _")
        String handle,
        @NotNull(message = "所属を入力してください / Enter your organization")
        @Size(max = 100, message = "所属は100文字以下にしてください / The organization must be at most 100 characters")
        @Pattern(regexp = Strings.NOT_BLANK, message = "所属を入力してください / Enter your organization")
        String organization,
        @Pattern(regexp = OrganizationFields.CODE_FORMAT, message = OrganizationFields.CODE_FORMAT_MESSAGE)
        String organizationCode,
        @Size(max = 100, message = "招待コードが長すぎます / The invitation code is too long")
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
