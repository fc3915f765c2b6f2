package jp.kyoso.posts.mention;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds {@code @handle} mentions in a Markdown body. A mention is {@code @} (or the full-width {@code ＠} that
 * Japanese input methods type) followed by 3-30 of {@code [a-z0-9_]}, and is not:
 * <ul>
 *   <li>inside a code span or a fenced code block (code is quoted, not addressed to anyone);</li>
 *   <li>part of an email address ({@code taro@city.example.lg.jp}) or of a URL ({@code https://x.example/@taro});</li>
 *   <li>longer than a handle can be, or followed by a domain ({@code @example.lg.jp}).</li>
 * </ul>
 */
public final class MentionParser {
    /** More candidates than this are not even looked up: a body full of handles is not a list of mentions. */
    static final int MAX_CANDIDATES = 100;
    private static final int MIN_HANDLE = 3;
    private static final int MAX_HANDLE = 30;

    private MentionParser() {
    }

    /** The distinct handles, lower case, in order of first appearance. */
    public static List<String> handles(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return List.of();
        }
        String text = blankCodeSpans(blankFencedBlocks(markdown));
        Set<String> handles = new LinkedHashSet<>();
        for (int i = 0; i < text.length() && handles.size() < MAX_CANDIDATES; i++) {
            char c = text.charAt(i);
            if (c != '@' && c != '＠') {
                continue;
            }
            if (i > 0 && partOfAddress(text.charAt(i - 1))) {
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isHandleChar(text.charAt(end))) {
                end++;
            }
            int length = end - i - 1;
            if (length < MIN_HANDLE || length > MAX_HANDLE || followedByDomainOrAddress(text, end)) {
                continue;
            }
            handles.add(text.substring(i + 1, end).toLowerCase(Locale.ROOT));
            i = end - 1;
        }
        return new ArrayList<>(handles);
    }

    private static boolean isHandleChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** What may stand right before the @ of an email address or inside a URL path. */
    private static boolean partOfAddress(char previous) {
        return isHandleChar(previous) || previous == '.' || previous == '-' || previous == '+' || previous == '%'
                || previous == '/' || previous == '@' || previous == '＠' || previous == '=' || previous == '~';
    }

    private static boolean followedByDomainOrAddress(String text, int end) {
        if (end >= text.length()) {
            return false;
        }
        char next = text.charAt(end);
        if (next == '@' || next == '＠') {
            return true;
        }
        // "@example.lg.jp" or "@taro.yamada" is an address fragment, not a mention; a sentence may still end "@taro."
        return (next == '.' || next == '-') && end + 1 < text.length() && isHandleChar(text.charAt(end + 1));
    }

    /** Replaces the content of ``` and ~~~ fenced blocks with spaces, keeping line breaks. */
    static String blankFencedBlocks(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            String trimmed = line.stripLeading();
            boolean fenceLine = trimmed.startsWith("```") || trimmed.startsWith("~~~");
            if (fence == null && fenceLine) {
                fence = trimmed.substring(0, 3);
                out.append(" ".repeat(line.length()));
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                out.append(" ".repeat(line.length()));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** Replaces code spans (a run of n backticks up to the next run of exactly n) with spaces. */
    static String blankCodeSpans(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < text.length() && text.charAt(runEnd) == '`') {
                runEnd++;
            }
            int runLength = runEnd - i;
            int close = findRun(text, runEnd, runLength);
            if (close < 0) {
                i = runEnd;
                continue;
            }
            for (int k = i; k < close + runLength; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = close + runLength;
        }
        return out.toString();
    }

    private static int findRun(String text, int from, int length) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) == '`') {
                end++;
            }
            if (end - i == length) {
                return i;
            }
            i = end;
        }
        return -1;
    }
}
