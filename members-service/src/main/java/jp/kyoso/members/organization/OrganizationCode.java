package jp.kyoso.members.organization;

/**
 * 全国地方公共団体コード (local government code): five digits (two for the prefecture, three for the body) and a
 * check digit. The check digit is the last digit of {@code 11 - (d1*6 + d2*5 + d3*4 + d4*3 + d5*2) mod 11}, so that
 * 472018 (那覇市) and 473618 (久米島町) are valid and a typo such as 472019 is caught.
 */
public final class OrganizationCode {
    private static final int[] WEIGHTS = {6, 5, 4, 3, 2};

    private OrganizationCode() {
    }

    public static boolean isValid(String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        int prefecture = Integer.parseInt(code.substring(0, 2));
        if (prefecture < 1 || prefecture > 47) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (code.charAt(i) - '0') * WEIGHTS[i];
        }
        int checkDigit = (11 - sum % 11) % 10;
        return code.charAt(5) - '0' == checkDigit;
    }

    /** The prefecture a valid code belongs to. */
    public static String prefectureOf(String validCode) {
        return Prefectures.byNumber(Integer.parseInt(validCode.substring(0, 2)));
    }
}
