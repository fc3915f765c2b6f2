package jp.kyoso.posts.citation;

/**
 * Numbers as laws and notices write them: Arabic digits (full-width ones are folded before) or 漢数字, both with
 * units (第二百五十二条, 三十一日) and digit by digit (二〇二三年).
 */
final class JapaneseNumerals {
    /** The characters of a number, for patterns. */
    static final String NUMBER = "(?:[0-9]{1,4}|[〇零一二三四五六七八九十百千]{1,7})";

    private JapaneseNumerals() {
    }

    /** The value, or -1 when the text is no number. */
    static int parse(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.parseInt(text);
        }
        boolean units = text.chars().anyMatch(c -> c == '十' || c == '百' || c == '千');
        int value = 0;
        int digit = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = digit(c);
            if (d >= 0) {
                if (units) {
                    digit = d;
                } else {
                    value = value * 10 + d;
                }
                continue;
            }
            int unit = c == '十' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : -1;
            if (unit < 0) {
                return -1;
            }
            // 十 alone is ten: a unit without a digit before it counts once
            value += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        return units && digit >= 0 ? value + digit : value;
    }

    private static int digit(char c) {
        return switch (c) {
            case '〇', '零' -> 0;
            case '一' -> 1;
            case '二' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }
}
