package jp.kyoso.load.scale;

import java.util.List;
import java.util.Random;

/** Post titles and bodies in the words municipal staff use, so that search and similarity see realistic text. */
final class JapaneseText {
    private static final List<String> TOPICS = List.of("住民票の写し", "マイナンバーカード", "戸籍の附票", "転入届",
            "子育て支援", "児童手当", "防災メール", "避難所の運営", "ふるさと納税", "窓口業務のデジタル化", "電子申請",
            "オンライン会議", "庁内のチャット", "ガバメントクラウド", "標準化対応", "文書管理", "押印の廃止",
            "キャッシュレス決済", "公共施設の予約", "地域公共交通", "空き家対策", "高齢者の見守り", "健康診断の予約",
            "ごみ収集の案内", "コンビニ交付", "LGWAN 接続", "テレワーク", "RPA の導入", "生成 AI の利用", "DX 推進計画");
    private static final List<String> OPENINGS = List.of("について教えてください。", "の進め方で悩んでいます。",
            "をどのように運用していますか。", "を始めました。", "の事例を探しています。", "で困っています。");
    private static final List<String> SENTENCES = List.of(
            "小さな町なので担当者が一人しかおらず、前任者の引き継ぎ資料も十分ではありません。",
            "住民からの問い合わせが年度末に集中し、窓口が混雑しています。",
            "近隣の自治体ではどのような手順で進めたのか知りたいです。",
            "予算の確保と庁内の合意形成に時間がかかっています。",
            "国の通知を読んでも、実際の運用のイメージがつかめません。",
            "システムの更改に合わせて業務の見直しを検討しています。",
            "職員向けの研修資料があれば共有していただけると助かります。",
            "実証実験の結果、処理時間が三割ほど短くなりました。",
            "ベンダーとの調整で注意した点を教えてください。",
            "人事異動で担当が替わっても続けられる仕組みにしたいと考えています。");

    private JapaneseText() {
    }

    static String title(Random random) {
        return TOPICS.get(random.nextInt(TOPICS.size())) + OPENINGS.get(random.nextInt(OPENINGS.size()));
    }

    static String body(Random random, int sentences) {
        StringBuilder body = new StringBuilder(TOPICS.get(random.nextInt(TOPICS.size()))).append("について。");
        for (int i = 0; i < sentences; i++) {
            body.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
        }
        return body.toString();
    }
}
