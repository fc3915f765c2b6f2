package jp.kyoso.members.organization;

import jp.kyoso.platform.web.ApiProblem;

/** Checks shared by registration and profile updates. */
public final class OrganizationFields {
    /**
     * The shape of an organization code in a request: six digits, or blank (not given / cleared). Input of another
     * shape is malformed (400, by bean validation); six digits that are not a real code break a rule (422, below).
     */
    public static final String CODE_FORMAT = "\\s*(?:[0-9]{6})?\\s*";
    public static final String CODE_FORMAT_MESSAGE = "団体コードは6桁の数字です（例: 那覇市 472018） / "
            + "The organization code is 6 digits (for example 472018 for Naha)";

    private OrganizationFields() {
    }

    public static void requireValidCode(String code) {
        if (!OrganizationCode.isValid(code)) {
            throw ApiProblem.invalid("organizationCode", "団体コードが正しくありません。6桁の全国地方公共団体コード"
                    + "（検査数字を含む。例: 那覇市 472018）を入力してください / Invalid organization code: enter the "
                    + "6-digit local government code including its check digit (for example 472018 for Naha)");
        }
    }

    public static void requireValidPrefecture(String prefecture) {
        if (!Prefectures.isValid(prefecture)) {
            throw ApiProblem.invalid("prefecture", "都道府県名が正しくありません（例: 沖縄県） / "
                    + "Unknown prefecture: use one of the 47 names, for example 沖縄県");
        }
    }

    public static void requireConsistent(String code, String prefecture) {
        if (code != null && prefecture != null && !OrganizationCode.prefectureOf(code).equals(prefecture)) {
            throw ApiProblem.invalid("prefecture", "都道府県が団体コードと一致しません / "
                    + "The prefecture does not match the organization code");
        }
    }
}
