package jp.kyoso.posts.citation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks what is no prose in Markdown before citations are looked for: fenced code blocks and code spans (an example
 * such as {@code `地方自治法第2条`} cites nothing) and emphasis markers ({@code **地方自治法**第2条} cites the
 * article). Each character becomes a space, so positions stay those of the post's text.
 */
final class MarkdownCode {
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?s:.+?)(?<!`)\\1(?!`)");
    private static final Pattern EMPHASIS = Pattern.compile("\\*+|~~");

    private MarkdownCode() {
    }

    static String blank(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        String fence = null;
        int from = 0;
        while (from <= markdown.length()) {
            int newline = markdown.indexOf('\n', from);
            int end = newline < 0 ? markdown.length() : newline;
            String line = markdown.substring(from, end);
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                out.append(spaces(line));
            } else if (fence != null) {
                // a fence closes with at least as many of the same characters
                char mark = fence.charAt(0);
                if (line.strip().startsWith(fence) && line.strip().chars().allMatch(c -> c == mark)) {
                    fence = null;
                }
                out.append(spaces(line));
            } else {
                out.append(line);
            }
            if (newline < 0) {
                break;
            }
            out.append('\n');
            from = newline + 1;
        }
        return blankAll(blankAll(out.toString(), CODE_SPAN), EMPHASIS);
    }

    private static String blankAll(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(spaces(m.group()));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    /** Spaces for every character, newlines kept. */
    private static String spaces(String text) {
        StringBuilder blank = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            blank.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
        return blank.toString();
    }
}
