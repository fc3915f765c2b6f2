package jp.kyoso.posts.citation;

import static jp.kyoso.posts.citation.CitationKind.LAW;
import static jp.kyoso.posts.citation.CitationKind.NOTICE;
import static jp.kyoso.posts.citation.CitationKind.ORDER;
import static jp.kyoso.posts.citation.CitationKind.ORDINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The specification of citation recognition: a table of sentences as members write them, with the one citation each
 * must yield (kind, matched text, name, article, date, issuer), and a table of sentences that cite nothing.
 */
class CitationFinderTest {

    static Stream<Arguments> citations() {
        return Stream.of(
                // 法律
                row("住民基本台帳法に基づき処理しています", LAW, "住民基本台帳法", "住民基本台帳法", null, null, null),
                row("住民基本台帳法第12条の写しの交付", LAW, "住民基本台帳法第12条", "住民基本台帳法", "第12条", null, null),
                row("地方自治法第十二条を確認", LAW, "地方自治法第十二条", "地方自治法", "第12条", null, null),
                row("地方自治法第２条第３項による", LAW, "地方自治法第２条第３項", "地方自治法", "第2条第3項", null, null),
                row("地方自治法第二百五十二条の十七の二第1項の事務", LAW, "地方自治法第二百五十二条の十七の二第1項", "地方自治法",
                        "第252条の17の2第1項", null, null),
                row("戸籍法 第10条の2 による請求", LAW, "戸籍法 第10条の2", "戸籍法", "第10条の2", null, null),
                row("改正地方自治法が施行されました", LAW, "地方自治法", "地方自治法", null, null, null),
                row("個人情報の保護に関する法律第2条第3項", LAW, "個人情報の保護に関する法律第2条第3項",
                        "個人情報の保護に関する法律", "第2条第3項", null, null),
                row("行政手続における特定の個人を識別するための番号の利用等に関する法律の改正",
                        LAW, "行政手続における特定の個人を識別するための番号の利用等に関する法律",
                        "行政手続における特定の個人を識別するための番号の利用等に関する法律", null, null, null),
                row("民法の一部を改正する法律が成立", LAW, "民法の一部を改正する法律", "民法の一部を改正する法律", null, null,
                        null),
                row("日本国憲法第25条の生存権", LAW, "日本国憲法第25条", "日本国憲法", "第25条", null, null),
                row("日本国憲法の理念", LAW, "日本国憲法", "日本国憲法", null, null, null),
                row("憲法第二十五条", LAW, "憲法第二十五条", "憲法", "第25条", null, null),
                row("民法上の扱い", LAW, "民法", "民法", null, null, null),
                row("マイナンバー法の改正点", LAW, "マイナンバー法", "マイナンバー法", null, null, null),
                row("ＩＴ基本法は廃止されました", LAW, "ＩＴ基本法", "IT基本法", null, null, null),
                row("災害対策基本法第５０条の応急措置", LAW, "災害対策基本法第５０条", "災害対策基本法", "第50条", null, null),
                row("**地方自治法**第2条を参照", LAW, "地方自治法  第2条", "地方自治法", "第2条", null, null),
                // 条例
                row("那覇市情報公開条例に基づく開示請求", ORDINANCE, "那覇市情報公開条例", "那覇市情報公開条例", null, null,
                        null),
                row("本部町手数料条例第3条の規定", ORDINANCE, "本部町手数料条例第3条", "本部町手数料条例", "第3条", null,
                        null),
                row("久米島町個人情報保護条例第十条", ORDINANCE, "久米島町個人情報保護条例第十条", "久米島町個人情報保護条例",
                        "第10条", null, null),
                row("空家等の適正管理に関する条例を制定", ORDINANCE, "空家等の適正管理に関する条例", "空家等の適正管理に関する条例",
                        null, null, null),
                // 政令・省令・規則
                row("地方自治法施行令第１５８条の収納事務", ORDER, "地方自治法施行令第１５８条", "地方自治法施行令", "第158条",
                        null, null),
                row("住民基本台帳法施行規則で定める様式", ORDER, "住民基本台帳法施行規則", "住民基本台帳法施行規則", null,
                        null, null),
                row("地方自治法施行規則第十二条の三", ORDER, "地方自治法施行規則第十二条の三", "地方自治法施行規則",
                        "第12条の3", null, null),
                row("那覇市財務規則第5条", ORDER, "那覇市財務規則第5条", "那覇市財務規則", "第5条", null, null),
                row("総務省令で定める", ORDER, "総務省令", "総務省令", null, null, null),
                // 通知
                row("令和5年3月31日付け総行〇第12号通知により", NOTICE, "令和5年3月31日付け総行〇第12号通知",
                        "総行〇第12号通知", null, "2023-03-31", null),
                row("令和5年3月31日付け総務省自治行政局長通知を受けて", NOTICE,
                        "令和5年3月31日付け総務省自治行政局長通知", "総務省自治行政局長通知", null, "2023-03-31", "総務省"),
                row("平成30年4月1日付厚生労働省老健局長通知", NOTICE, "平成30年4月1日付厚生労働省老健局長通知",
                        "厚生労働省老健局長通知", null, "2018-04-01", "厚生労働省"),
                row("令和元年5月1日付け事務連絡のとおり", NOTICE, "令和元年5月1日付け事務連絡", "事務連絡", null,
                        "2019-05-01", null),
                row("2023年3月31日付け総務省通知", NOTICE, "2023年3月31日付け総務省通知", "総務省通知", null, "2023-03-31",
                        "総務省"),
                row("令和２年１２月２８日付けデジタル庁通知", NOTICE, "令和２年１２月２８日付けデジタル庁通知", "デジタル庁通知",
                        null, "2020-12-28", "デジタル庁"),
                row("令和五年三月三十一日付け総行行第十二号を参照", NOTICE, "令和五年三月三十一日付け総行行第十二号",
                        "総行行第十二号", null, "2023-03-31", null),
                row("昭和63年1月1日付け自治省通知", NOTICE, "昭和63年1月1日付け自治省通知", "自治省通知", null,
                        "1988-01-01", "自治省"),
                row("平成31年4月30日付け沖縄県通知", NOTICE, "平成31年4月30日付け沖縄県通知", "沖縄県通知", null,
                        "2019-04-30", "沖縄県"),
                row("マイナンバーカードの交付について（通知）を読みました", NOTICE, "マイナンバーカードの交付について（通知）",
                        "マイナンバーカードの交付について（通知）", null, null, null),
                row("令和5年3月31日付け「マイナンバーカードの交付について（通知）」", NOTICE,
                        "令和5年3月31日付け「マイナンバーカードの交付について（通知）」",
                        "マイナンバーカードの交付について（通知）", null, "2023-03-31", null),
                row("令和4年4月1日付け総務省「戸籍事務の取扱いについて（依命通知）」", NOTICE,
                        "令和4年4月1日付け総務省「戸籍事務の取扱いについて（依命通知）」", "戸籍事務の取扱いについて（依命通知）",
                        null, "2022-04-01", "総務省"));
    }

    static Stream<String> noCitations() {
        return Stream.of(
                "良い方法を教えてください",
                "手法と文法と説明方法と勉強法",
                "エクセルの活用法",
                "NPO法人を設立しました",
                "無料法律相談を開きます",
                "法律で決まっています",
                "通知が来た",
                "通知を受け取った",
                "プッシュ通知とメール通知の設定",
                "令和5年4月1日に通知があった",
                "令和5年度の通知表",
                "通知書を送付します",
                "令和5年3月31日付けで通知された",
                "条例を改正しました",
                "市条例と県の条例",
                "本条例の趣旨",
                "同法第3条のとおり",
                "関係法令を確認してください",
                "個人情報保護法令の遵守",
                "悪徳商法に注意",
                "憲法改正の議論",
                "行政法の勉強会",
                "法務局と司法書士に相談",
                "法的根拠はありますか",
                "違法駐車の対応",
                "手数料条例案を上程",
                "就業規則と規則正しい生活",
                "政令指定都市",
                "これに対応する条例を作りたい",
                "`地方自治法第2条` はコードの例です",
                "例:\n```\n令和5年3月31日付け総務省通知\n住民基本台帳法第12条\n```\nおわり");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("citations")
    void recognisesTheCitation(String sentence, CitationKind kind, String text, String name, String article,
                               String issuedOn, String issuer) {
        assertThat(CitationFinder.find("", sentence))
                .containsExactly(new Citation(kind, text, name, article, issuedOn, issuer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noCitations")
    void findsNothingWhereNothingIsCited(String sentence) {
        assertThat(CitationFinder.find("", sentence)).isEmpty();
    }

    @Test
    void theTablesAreLargeEnough() {
        assertThat(citations().count()).isGreaterThanOrEqualTo(30);
        assertThat(noCitations().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void findsEveryCitationOfTitleAndBodyInOrderEachOnce() {
        List<Citation> found = CitationFinder.find("住民基本台帳法の写しの交付",
                "本町では地方自治法第2条と住民基本台帳法に基づき、平成30年4月1日付け総務省通知も参照しています。"
                        + "\n`住民基本台帳法第99条` は例です。");
        assertThat(found).extracting(Citation::name)
                .containsExactly("住民基本台帳法", "地方自治法", "総務省通知");
        assertThat(found.get(1).article()).isEqualTo("第2条");
    }

    @Test
    void aDatedNoticeThatNamesAnOrderIsOneCitation() {
        assertThat(CitationFinder.find("", "令和5年3月31日付け地方自治法施行令改正通知"))
                .extracting(Citation::kind, Citation::issuedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOTICE, "2023-03-31"));
    }

    @Test
    void anImpossibleDateLeavesTheNoticeUndated() {
        assertThat(CitationFinder.find("", "2023年2月30日付け通知")).extracting(Citation::issuedOn)
                .containsExactly((String) null);
    }

    @Test
    void theNewestDateDecidesWhetherAPostMayBeOutdated() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
        KnowledgeAge age = new KnowledgeAge(Period.ofYears(2), clock);
        Instant postedLongAgo = Instant.parse("2020-01-10T00:00:00Z");
        Instant postedNow = Instant.parse("2026-11-01T00:00:00Z");
        List<Citation> heisei = CitationFinder.find("", "平成30年4月1日付け総務省通知");
        List<Citation> reiwa = CitationFinder.find("", "令和7年4月1日付け総務省通知");
        List<Citation> law = CitationFinder.find("", "住民基本台帳法");

        assertThat(age.mayBeOutdated(heisei, postedNow)).isTrue();
        assertThat(age.mayBeOutdated(reiwa, postedLongAgo)).isFalse();
        // without a date, a citation is as old as the post
        assertThat(age.mayBeOutdated(law, postedLongAgo)).isTrue();
        assertThat(age.mayBeOutdated(law, postedNow)).isFalse();
        // the newest date counts: an old notice next to a law named in a new post is not stale
        assertThat(age.mayBeOutdated(concat(heisei, law), postedNow)).isFalse();
        // nothing cited, nothing stale
        assertThat(age.mayBeOutdated(List.of(), postedLongAgo)).isFalse();
        // the boundary: exactly two years old in Japan is not older than two years
        assertThat(age.mayBeOutdated(CitationFinder.find("", "2024年11月28日付け通知"), postedNow)).isFalse();
        assertThat(age.mayBeOutdated(CitationFinder.find("", "2024年11月27日付け通知"), postedNow)).isTrue();
    }

    @Test
    void kanjiNumeralsAndDatesParse() {
        assertThat(JapaneseNumerals.parse("十")).isEqualTo(10);
        assertThat(JapaneseNumerals.parse("十二")).isEqualTo(12);
        assertThat(JapaneseNumerals.parse("二十")).isEqualTo(20);
        assertThat(JapaneseNumerals.parse("三十一")).isEqualTo(31);
        assertThat(JapaneseNumerals.parse("二百五十二")).isEqualTo(252);
        assertThat(JapaneseNumerals.parse("千百十一")).isEqualTo(1111);
        assertThat(JapaneseNumerals.parse("二〇二三")).isEqualTo(2023);
        assertThat(JapaneseNumerals.parse("158")).isEqualTo(158);
        assertThat(JapaneseDates.parse("令和元年5月1日")).hasToString("2019-05-01");
        assertThat(JapaneseDates.parse("平成元年1月8日")).hasToString("1989-01-08");
        assertThat(JapaneseDates.parse("昭和六十四年一月七日")).hasToString("1989-01-07");
        assertThat(JapaneseDates.parse("二〇二三年三月三十一日")).hasToString("2023-03-31");
        assertThat(JapaneseDates.parse("令和5年2月30日")).isNull();
    }

    private static List<Citation> concat(List<Citation> a, List<Citation> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Arguments row(String sentence, CitationKind kind, String text, String name, String article,
                                 String issuedOn, String issuer) {
        return Arguments.of(sentence, kind, text, name, article, issuedOn, issuer);
    }
}
