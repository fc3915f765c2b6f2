package jp.kyoso.members.organization;

import jp.kyoso.members.Messages;
import jp.kyoso.platform.web.ApiProblem;

/** Checks shared by registration and profile updates. */
public final class OrganizationFields {
    /**
     * The shape of an organization code in a request: six digits, or blank (not given / cleared). Input of another
     * shape is malformed (400, by bean validation); six digits that are not a real code break a rule (422, below).
     */
    public static final String CODE_FORMAT = "\\s*(?:[0-9]{6})?\\s*";

    private OrganizationFields() {
    }

    public static void requireValidCode(String code) {
        if (!OrganizationCode.isValid(code)) {
            throw ApiProblem.invalid("organizationCode", Messages.get("organization.code-invalid"));
        }
    }

    public static void requireValidPrefecture(String prefecture) {
        if (!Prefectures.isValid(prefecture)) {
            throw ApiProblem.invalid("prefecture", Messages.get("organization.prefecture-unknown"));
        }
    }

    public static void requireConsistent(String code, String prefecture) {
        if (code != null && prefecture != null && !OrganizationCode.prefectureOf(code).equals(prefecture)) {
            throw ApiProblem.invalid("prefecture", Messages.get("organization.prefecture-mismatch"));
        }
    }
}
