package jp.kyoso.posts.citation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as notices are dated: 令和5年3月31日, 平成元年4月1日, 昭和六十四年一月七日, 2023年3月31日. */
final class JapaneseDates {
    private static final String N = JapaneseNumerals.NUMBER;
    /** A date, without groups, for use inside other patterns. */
    static final String DATE = "(?:(?:令和|平成|昭和)\\s?(?:元|" + N + ")|[0-9]{4}|[〇一二三四五六七八九]{4})\\s?年\\s?"
            + N + "\\s?月\\s?" + N + "\\s?日";
    private static final Pattern PARTS = Pattern.compile("(?:(令和|平成|昭和)\\s?(元|" + N + ")|([0-9]{4}|"
            + "[〇一二三四五六七八九]{4}))\\s?年\\s?(" + N + ")\\s?月\\s?(" + N + ")\\s?日");

    private JapaneseDates() {
    }

    /** The date the text (matching {@link #DATE}) names, or null when there is no such day (2月30日). */
    static LocalDate parse(String text) {
        Matcher m = PARTS.matcher(text);
        if (!m.find()) {
            return null;
        }
        int year;
        if (m.group(1) != null) {
            int inEra = "元".equals(m.group(2)) ? 1 : JapaneseNumerals.parse(m.group(2));
            if (inEra < 1) {
                return null;
            }
            year = switch (m.group(1)) {
                case "令和" -> 2018 + inEra;
                case "平成" -> 1988 + inEra;
                default -> 1925 + inEra;
            };
        } else {
            year = JapaneseNumerals.parse(m.group(3));
        }
        try {
            return LocalDate.of(year, JapaneseNumerals.parse(m.group(4)), JapaneseNumerals.parse(m.group(5)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
