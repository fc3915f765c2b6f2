package jp.kyoso.posts.citation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the laws, ordinances, orders and notices a post cites, in its title and Markdown body (code blocks and inline
 * code are skipped: an example is no citation). Pure: no Spring, no clock.
 *
 * <p>What counts (the table in CitationFinderTest is the specification):
 * <ul>
 * <li>LAW: a name of kanji or katakana ending in 法 (住民基本台帳法, マイナンバー法, 日本国憲法), or a long name ending in
 * 「…に関する法律」「…を改正する法律」; optionally with an article (第12条, 第十二条, 第2条第3項, 第252条の17).</li>
 * <li>ORDINANCE: 〇〇条例 (那覇市情報公開条例, 本部町手数料条例第3条), or 「…に関する条例」.</li>
 * <li>ORDER: 〇〇法施行令, 〇〇法施行規則, 〇〇政令/省令/府令, 〇〇規則 (那覇市財務規則).</li>
 * <li>NOTICE: a dated notice, 「令和5年3月31日付け総行〇第12号通知」「平成30年4月1日付〇〇通知」「2023年3月31日付け…通達」,
 * or a titled one, 「〇〇について（通知）」 (with its date when 「…日付け」 precedes it).</li>
 * </ul>
 * Not citations: words that only end in 法 (方法, 手法, 文法, 勉強法, 悪徳商法), words that go on after it (法人, 法律相談,
 * 法令, 法案), names that say no name (同法, 本条例, 市条例, 関係法令, 条例 alone, 憲法 alone without an article), and a
 * plain notification (通知が来た, 通知を受け取った, 令和5年4月1日に通知があった): a notice is cited only with its date
 * and 付け, or in the （通知） form.
 */
public final class CitationFinder {
    /** A post citing more than this is a list of laws, not a post that may go stale: the first ones are enough. */
    static final int MAX_CITATIONS = 50;

    /** A character of a name: kanji (with 々 and 〇), katakana, the placeholder ○ and Latin letters (PFI法). */
    private static final String KJ = "[\\p{IsHan}ァ-ヺー○◯A-Za-z]";
    private static final String N = JapaneseNumerals.NUMBER;
    private static final String ARTICLE = "(第\\s?" + N + "\\s?条(?:\\s?の\\s?" + N + "){0,2}(?:\\s?第\\s?" + N
            + "\\s?項)?(?:\\s?第\\s?" + N + "\\s?号)?)";

    /**
     * A name of kanji and katakana right before its suffix. The name is greedy, so that 地方自治法施行令 is one order
     * and not the law 地方自治法 followed by something; a suffix followed by a character that makes another word
     * (法人, 法令, 法案, 条例案) is none.
     */
    private static final Pattern SHORT = Pattern.compile("(?<!" + KJ + ")(" + KJ + "{1,40})"
            + "(施行令|施行規則|政令(?![指市案])|省令(?!案)|府令(?!案)|規則(?![正的案])|条例(?!案)"
            + "|法(?![人務的令案制規曹廷則学科要事典律度益話門医会衣王師界政華]))"
            + "(?:\\s{0,2}" + ARTICLE + ")?");

    /** Connectors inside a long name (個人情報の保護に関する法律, 民法の一部を改正する法律). */
    private static final String INNER = "(?:するための|の|及び|並びに|又は|若しくは|における|に関する|に係る|に対する|のための|による|を|等の)";
    private static final String END = "(に関する|に係る|に対する|のための|における|による|する)";
    private static final Pattern LONG = Pattern.compile("(?<!" + KJ + ")((?:" + KJ + "+" + INNER + ")*" + KJ + "+)"
            + END + "(法律|条例|規則)(?![案])(?:\\s{0,2}" + ARTICLE + ")?");

    private static final String DATE = JapaneseDates.DATE;
    /** 〇〇付け…通知, 〇〇付け総行〇第12号: a notice's date, then its issuer, number or name. */
    private static final Pattern DATED = Pattern.compile("(" + DATE + ")\\s?付け?\\s?の?\\s?"
            + "(?:([\\p{IsHan}ァ-ヺー○◯0-9]{0,40}?)(通知|通達|事務連絡)"
            + "|([\\p{IsHan}ァ-ヺー○◯]{1,20}?第\\s?" + N + "\\s?号))");
    /** 〇〇について（通知）, optionally dated and with its issuer before the bracket. */
    private static final Pattern ABOUT = Pattern.compile("(?:(" + DATE + ")\\s?付け?\\s?の?\\s?)?"
            + "(?:([\\p{IsHan}ァ-ヺー]{1,20})\\s?[「『]|[「『])?"
            + "([^\\s「」『』、。，,．.\\n（）()]{1,80}?)について\\s?[（(]\\s?((?:依命)?通知)\\s?[）)][」』]?");
    private static final Pattern ISSUER = Pattern.compile("^(内閣府|人事院|会計検査院|[\\p{IsHan}ァ-ヺー]{1,8}?(?:省|庁)"
            + "|[\\p{IsHan}]{2,3}?(?:都|道|府|県)|[\\p{IsHan}]{1,8}?委員会)");

    /** A name that is only a reference to one named before, or to a kind of rule: 同法, 本条例, 市条例, 関係規則. */
    private static final Pattern GENERIC_CORE = Pattern.compile("^(?:本|当|同|各|当該|関係|関連|既存|該当|上記|下記"
            + "|前記|新|旧|全|他|諸|改正|現行|一部改正|施行|所管|個別|根拠|上位|下位|特別|一般|基本)*"
            + "(?:市|町|村|県|都|道|府|区|国|市町村|都道府県|自治体)?$");
    /** Said before a name, not part of it: 改正地方自治法 cites 地方自治法. */
    private static final Pattern PREFIX = Pattern.compile("^(?:改正|現行|一部改正)(?=" + KJ + "{2,})");
    /** Two-character words that end in 法 and are no law. */
    private static final Set<String> NOT_LAWS = Set.of("方法", "手法", "文法", "寸法", "作法", "用法", "技法", "工法",
            "療法", "論法", "話法", "違法", "合法", "適法", "不法", "司法", "立法", "製法", "魔法", "算法", "戦法", "加法",
            "減法", "乗法", "除法", "語法", "筆法", "兵法", "秘法", "便法", "脱法", "無法", "説法", "公法", "私法",
            "解法", "記法", "仏法", "商法");
    /** Ways of doing something (勉強法, 活用法): a name ending in one of these and 法 is a method, not a law. */
    private static final Set<String> METHODS = Set.of("勉強", "学習", "練習", "活用", "利用", "使用", "応用", "整理",
            "記憶", "計算", "解決", "入力", "表記", "調理", "料理", "健康", "発想", "思考", "分析", "運用", "改善",
            "節約", "攻略", "伝達", "説明", "指導", "教授", "作成", "記述", "撮影", "操作", "設定", "検索", "集計",
            "読書", "速読", "呼吸", "睡眠", "食事", "運動", "暗記", "接客", "交渉", "会話", "表現", "研修", "選定",
            "判定", "集中", "継続");
    /** Fields of law and kinds of laws (行政法, 手続法, 税法): no single law, when that is the whole name. */
    private static final Set<String> FIELDS = Set.of("行政", "労働", "刑事", "民事", "国際", "環境", "情報", "経済",
            "社会", "手続", "実体", "成文", "慣習", "自然", "実定", "国内", "外国", "悪", "母", "税", "憲", "六",
            "家族", "会社");
    /** Laws whose name has a one-character core. 憲法 alone is the constitution only with an article (憲法第25条). */
    private static final Set<String> SHORT_LAWS = Set.of("民法", "刑法", "商法");
    /** Rules that are no 法令: a company's or a game's. */
    private static final Set<String> NOT_ORDERS = Set.of("就業", "社内", "内部", "交通", "競技", "校内", "会社", "寮",
            "ゲーム", "大会");

    private CitationFinder() {
    }

    /** The citations in the title and the body, in the order they appear, each once. */
    public static List<Citation> find(String title, String body) {
        String text = (title == null ? "" : title) + "\n" + (body == null ? "" : body);
        String visible = MarkdownCode.blank(text);
        String folded = fold(visible);
        List<Found> found = new ArrayList<>();
        dated(folded, visible, found);
        about(folded, visible, found);
        shortNames(folded, visible, found);
        longNames(folded, visible, found);
        return distinct(withoutOverlaps(found));
    }

    private static void shortNames(String folded, String visible, List<Found> found) {
        Matcher m = SHORT.matcher(folded);
        while (m.find()) {
            String core = m.group(1);
            String suffix = m.group(2);
            String article = article(m.group(3));
            String prefix = prefix(core);
            core = core.substring(prefix.length());
            String name = core + suffix;
            CitationKind kind = kindOf(suffix);
            if (!acceptable(kind, core, name, article)) {
                continue;
            }
            int start = m.start() + prefix.length();
            found.add(new Found(start, m.end(), new Citation(kind, visible.substring(start, m.end()).strip(), name,
                    article, null, null)));
        }
    }

    private static void longNames(String folded, String visible, List<Found> found) {
        Matcher m = LONG.matcher(folded);
        while (m.find()) {
            String head = m.group(1);
            String end = m.group(2);
            String suffix = m.group(3);
            // 〇〇する法律 must say what it does to what (を改正する, を推進する); 対応する条例 names nothing
            if ("する".equals(end) && !head.contains("を")) {
                continue;
            }
            String prefix = prefix(head);
            head = head.substring(prefix.length());
            if (GENERIC_CORE.matcher(head).matches() || head.length() < 2) {
                continue;
            }
            int start = m.start() + prefix.length();
            found.add(new Found(start, m.end(), new Citation(kindOf(suffix), visible.substring(start, m.end()).strip(),
                    head + end + suffix, article(m.group(4)), null, null)));
        }
    }

    private static void dated(String folded, String visible, List<Found> found) {
        Matcher m = DATED.matcher(folded);
        while (m.find()) {
            LocalDate date = JapaneseDates.parse(m.group(1));
            String name = m.group(3) != null ? m.group(2) + m.group(3) : m.group(4).replaceAll("\\s", "");
            String issuer = m.group(3) != null ? issuer(m.group(2)) : null;
            found.add(new Found(m.start(), m.end(), new Citation(CitationKind.NOTICE,
                    visible.substring(m.start(), m.end()), name, null, date == null ? null : date.toString(),
                    issuer)));
        }
    }

    private static void about(String folded, String visible, List<Found> found) {
        Matcher m = ABOUT.matcher(folded);
        while (m.find()) {
            LocalDate date = m.group(1) == null ? null : JapaneseDates.parse(m.group(1));
            String issuer = m.group(2) == null ? null : issuer(m.group(2));
            String name = m.group(3) + "について（" + m.group(4) + "）";
            found.add(new Found(m.start(), m.end(), new Citation(CitationKind.NOTICE,
                    visible.substring(m.start(), m.end()), name, null, date == null ? null : date.toString(),
                    issuer)));
        }
    }

    private static boolean acceptable(CitationKind kind, String core, String name, String article) {
        if (kind == CitationKind.LAW && (SHORT_LAWS.contains(name) || "憲法".equals(name) && article != null)) {
            return true;
        }
        // 同法施行令 is the order of a law named before: what matters is the law's name
        String named = kind == CitationKind.ORDER && core.endsWith("法") ? core.substring(0, core.length() - 1) : core;
        if (named.length() < 2 || GENERIC_CORE.matcher(named).matches()) {
            return false;
        }
        return switch (kind) {
            case LAW -> !NOT_LAWS.contains(name.substring(name.length() - 2)) && !FIELDS.contains(core)
                    && METHODS.stream().noneMatch(core::endsWith);
            case ORDER -> !name.endsWith("規則") || name.endsWith("施行規則")
                    || NOT_ORDERS.stream().noneMatch(core::endsWith);
            default -> true;
        };
    }

    private static CitationKind kindOf(String suffix) {
        return switch (suffix) {
            case "法", "法律" -> CitationKind.LAW;
            case "条例" -> CitationKind.ORDINANCE;
            default -> CitationKind.ORDER;
        };
    }

    private static String prefix(String core) {
        Matcher m = PREFIX.matcher(core);
        return m.find() ? m.group() : "";
    }

    /** 第十二条の二第三項 → 第12条の2第3項. */
    private static String article(String text) {
        if (text == null) {
            return null;
        }
        String compact = text.replaceAll("\\s", "");
        Matcher numbers = Pattern.compile(N).matcher(compact);
        StringBuilder normalized = new StringBuilder();
        int last = 0;
        while (numbers.find()) {
            normalized.append(compact, last, numbers.start()).append(JapaneseNumerals.parse(numbers.group()));
            last = numbers.end();
        }
        return normalized.append(compact.substring(last)).toString();
    }

    private static String issuer(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ISSUER.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Where two findings overlap, the longer one is the citation (a dated notice that names a law in its title). */
    private static List<Found> withoutOverlaps(List<Found> found) {
        List<Found> bySize = new ArrayList<>(found);
        bySize.sort(Comparator.comparingInt((Found f) -> f.end - f.start).reversed()
                .thenComparingInt(f -> f.start));
        List<Found> kept = new ArrayList<>();
        for (Found candidate : bySize) {
            if (kept.stream().noneMatch(k -> candidate.start < k.end && k.start < candidate.end)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(f -> f.start));
        return kept;
    }

    private static List<Citation> distinct(List<Found> found) {
        Map<String, Citation> unique = new LinkedHashMap<>();
        for (Found f : found) {
            Citation c = f.citation;
            unique.putIfAbsent(c.kind() + "|" + c.name() + "|" + c.article() + "|" + c.issuedOn(), c);
            if (unique.size() == MAX_CITATIONS) {
                break;
            }
        }
        return List.copyOf(unique.values());
    }

    /**
     * Full-width ASCII to ASCII and the ideographic space to a space, one character for one, so that positions in the
     * folded text are positions in the post's text (the matched span is shown as written).
     */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '！' && c <= '～') {
                chars[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private record Found(int start, int end, Citation citation) {
    }
}
