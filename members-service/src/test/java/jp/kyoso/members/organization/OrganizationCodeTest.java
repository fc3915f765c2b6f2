package jp.kyoso.members.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"472018", "473626", "130001", "131016", "011002", "271004", "330001", "200000", "470007"})
    void realCodesHaveAValidCheckDigit(String code) {
        assertThat(OrganizationCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"472019", "473627", "47201", "4720188", "47201A", "", "000000", "482018", "９７２０１８"})
    void typosAndNonCodesAreRefused(String code) {
        assertThat(OrganizationCode.isValid(code)).isFalse();
    }

    @Test
    void theFirstTwoDigitsAreThePrefecture() {
        assertThat(OrganizationCode.prefectureOf("472018")).isEqualTo("沖縄県");
        assertThat(OrganizationCode.prefectureOf("011002")).isEqualTo("北海道");
        assertThat(OrganizationCode.prefectureOf("131016")).isEqualTo("東京都");
        assertThat(Prefectures.ALL).hasSize(47).doesNotHaveDuplicates();
    }
}
