package jp.kyoso.members.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MunicipalitiesTest {
    private static final Municipalities CATALOGUE = new Municipalities();

    private static Municipality code(String code) {
        return CATALOGUE.byCode(code).orElseThrow();
    }

    @Test
    void knowsEveryBodyWithItsPrefectureKindAndTownHall() {
        assertThat(CATALOGUE.all()).hasSize(1916 + 47);
        Municipality kumejima = code("473618");
        assertThat(kumejima.name()).isEqualTo("久米島町");
        assertThat(kumejima.prefecture()).isEqualTo("沖縄県");
        assertThat(kumejima.kind()).isEqualTo(OrganizationKind.TOWN);
        assertThat(kumejima.label()).isEqualTo("沖縄県 久米島町");
        assertThat(code("472018").kind()).isEqualTo(OrganizationKind.CITY);               // 那覇市
        assertThat(code("473561").kind()).isEqualTo(OrganizationKind.VILLAGE);            // 渡名喜村
        assertThat(code("141003").kind()).isEqualTo(OrganizationKind.DESIGNATED_CITY);    // 横浜市
        Municipality tsurumi = code("141011");                                             // 横浜市 鶴見区
        assertThat(tsurumi.kind()).isEqualTo(OrganizationKind.DESIGNATED_CITY);
        assertThat(tsurumi.unitCode()).isEqualTo("141003");
        assertThat(code("131016").kind()).isEqualTo(OrganizationKind.SPECIAL_WARD);       // 千代田区
        assertThat(code("470007").kind()).isEqualTo(OrganizationKind.PREFECTURE);         // 沖縄県
        assertThat(code("010006").name()).isEqualTo("北海道");
        assertThat(CATALOGUE.byCode("472019")).isEmpty();
        // the 20 政令指定都市, each with its wards; Tokyo's 23 wards
        assertThat(CATALOGUE.all().stream().filter(m -> m.kind() == OrganizationKind.DESIGNATED_CITY
                && m.cityCode() == null)).hasSize(20);
        assertThat(CATALOGUE.codesOfKind(OrganizationKind.SPECIAL_WARD)).hasSize(23);
        assertThat(CATALOGUE.codesOf(code("141003"))).contains("141003", "141011").hasSize(19);
    }

    @Test
    void measuresTheDistanceBetweenTownHalls() {
        // 那覇市役所 – 久米島町役場: about 88 km across the sea
        assertThat(code("472018").distanceKmTo(code("473618"))).isCloseTo(88.3, within(0.5));
        assertThat(code("473618").distanceKmTo(code("473561"))).isCloseTo(33.7, within(0.5));   // 渡名喜村
        assertThat(code("473618").distanceKmTo(code("473618"))).isZero();
        assertThat(Municipality.roundedKm(88.32768)).isEqualTo(88.3);
        // a prefecture is measured from its prefectural office (沖縄県庁 is in Naha)
        assertThat(code("470007").distanceKmTo(code("472018"))).isLessThan(1);
    }

    @Test
    void findsTheOneBodyAnOrganizationNameSpellsExactly() {
        assertThat(match("久米島町", null)).isEqualTo("473618");
        assertThat(match("沖縄県 久米島町", null)).isEqualTo("473618");
        assertThat(match(" 沖縄県　久米島町 ", null)).isEqualTo("473618");
        assertThat(match("沖縄県久米島町", "沖縄県")).isEqualTo("473618");
        assertThat(match("沖縄県", null)).isEqualTo("470007");
        assertThat(match("横浜市鶴見区", null)).isEqualTo("141011");
        assertThat(match("横浜市", null)).isEqualTo("141003");
        assertThat(match("千代田区", null)).isEqualTo("131016");
        // not exactly a name, two bodies, or not in the given prefecture: nothing is linked
        assertThat(match("那覇市役所", null)).isNull();
        assertThat(match("久米島町", "北海道")).isNull();
        assertThat(match("府中市", null)).isNull();
        assertThat(match("府中市", "東京都")).isEqualTo("132063");
        assertThat(match("中央区", null)).isNull();          // 東京都 中央区, and 札幌市 中央区 and others
        assertThat(match("デジタル庁", null)).isNull();
        assertThat(match("", null)).isNull();
    }

    @Test
    void searchesByNameLabelOrReading() {
        assertThat(labels("久米島")).containsExactly("沖縄県 久米島町");
        assertThat(labels("くめじま")).containsExactly("沖縄県 久米島町");
        assertThat(labels("クメジマ")).containsExactly("沖縄県 久米島町");
        assertThat(labels("沖縄県久米島")).containsExactly("沖縄県 久米島町");
        // the prefecture before the city of a similar name
        assertThat(labels("沖縄")).startsWith("沖縄県", "沖縄県 沖縄市");
        assertThat(CATALOGUE.search("町", 10)).hasSize(10);
        assertThat(CATALOGUE.search("   ", 10)).isEmpty();
    }

    private static String match(String name, String prefecture) {
        return CATALOGUE.uniqueMatch(name, prefecture).map(Municipality::code).orElse(null);
    }

    private static List<String> labels(String text) {
        return CATALOGUE.search(text, 10).stream().map(Municipality::label).toList();
    }
}
