package jp.kyoso.members.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganizationTypesTest {
    private final OrganizationTypes types = new OrganizationTypes(new Municipalities());

    @Test
    void tellsTheTypeFromTheCodeListAndTheAddress() {
        assertThat(types.of("473618", "a@town.kumejima.lg.jp")).isEqualTo(OrganizationType.TOWN);      // 久米島町
        assertThat(types.of("472018", "a@city.naha.lg.jp")).isEqualTo(OrganizationType.CITY);          // 那覇市
        assertThat(types.of("011011", "a@city.sapporo.lg.jp")).isEqualTo(OrganizationType.CITY);       // 札幌市 中央区
        assertThat(types.of("011002", "a@city.sapporo.lg.jp")).isEqualTo(OrganizationType.CITY);       // 札幌市
        assertThat(types.of("131016", "a@city.chiyoda.lg.jp")).isEqualTo(OrganizationType.SPECIAL_WARD); // 千代田区
        assertThat(types.of("473014", "a@vill.kunigami.lg.jp")).isEqualTo(OrganizationType.VILLAGE);   // 国頭村
        assertThat(types.of("470007", "a@pref.okinawa.lg.jp")).isEqualTo(OrganizationType.PREFECTURE); // 沖縄県
        assertThat(types.of("010006", "a@pref.hokkaido.lg.jp")).isEqualTo(OrganizationType.PREFECTURE); // 北海道
        assertThat(types.of(null, "a@digital.go.jp")).isEqualTo(OrganizationType.NATIONAL);
        assertThat(types.of("472018", "a@soumu.go.jp")).isEqualTo(OrganizationType.NATIONAL);
        assertThat(types.of(null, "a@city.naha.lg.jp")).isEqualTo(OrganizationType.NATIONAL);
        assertThat(types.of(null, null)).isEqualTo(OrganizationType.OTHER);
        assertThat(types.of("472019", "a@x.lg.jp")).isEqualTo(OrganizationType.OTHER);
    }

    @Test
    void tellsTheKindMembersCompareThemselvesBy() {
        assertThat(types.kindOf("473618")).isEqualTo(OrganizationKind.TOWN);
        assertThat(types.kindOf("141003")).isEqualTo(OrganizationKind.DESIGNATED_CITY);   // 横浜市
        assertThat(types.kindOf("141011")).isEqualTo(OrganizationKind.DESIGNATED_CITY);   // 横浜市 鶴見区
        assertThat(types.kindOf("131016")).isEqualTo(OrganizationKind.SPECIAL_WARD);
        assertThat(types.kindOf(null)).isEqualTo(OrganizationKind.NATIONAL);
        assertThat(types.kindOf("472019")).isNull();
        assertThat(OrganizationKind.ofLabel("政令市")).contains(OrganizationKind.DESIGNATED_CITY);
        assertThat(OrganizationKind.ofLabel("city")).isEmpty();
    }
}
