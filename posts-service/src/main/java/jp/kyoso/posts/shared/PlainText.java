package jp.kyoso.posts.shared;

import java.util.regex.Pattern;

/**
 * Markdown as plain text: what search indexes and snippets show, and what event excerpts carry. It drops the markup a
 * reader does not see (emphasis, headings, link targets, images, fences) and keeps the words, code included.
 */
public final class PlainText {
    public static final int EXCERPT_LENGTH = 200;

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s{0,3}(```|~~~).*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+");
    private static final Pattern QUOTE = Pattern.compile("(?m)^\\s{0,3}>\\s?");
    private static final Pattern LIST_MARK = Pattern.compile("(?m)^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|\\*|~~)(\\S(?:.*?\\S)?)\\1");
    /**
     * An underscore inside an ASCII word neither opens nor closes emphasis (as in CommonMark), so handles such as
     * {@code @audit_iz5map} and words such as {@code snake_case} keep their underscores. Japanese is written without
     * spaces, so next to kana and kanji an underscore still marks emphasis ({@code と_斜体_、}).
     */
    private static final Pattern UNDERSCORE_EMPHASIS = Pattern.compile(
            "(?<![A-Za-z0-9_])(__|_)(\\S(?:.*?\\S)?)\\1(?![A-Za-z0-9_])");
    private static final Pattern CODE_SPAN = Pattern.compile("`+([^`]*)`+");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private PlainText() {
    }

    public static String fromMarkdown(String markdown) {
        if (markdown == null) {
            return "";
        }
        String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
        text = FENCE.matcher(text).replaceAll("");
        text = IMAGE.matcher(text).replaceAll("$1");
        text = LINK.matcher(text).replaceAll("$1");
        text = RULE.matcher(text).replaceAll("");
        text = HEADING.matcher(text).replaceAll("");
        text = QUOTE.matcher(text).replaceAll("");
        text = LIST_MARK.matcher(text).replaceAll("");
        text = CODE_SPAN.matcher(text).replaceAll("$1");
        text = EMPHASIS.matcher(text).replaceAll("$2");
        text = UNDERSCORE_EMPHASIS.matcher(text).replaceAll("$2");
        text = HTML_TAG.matcher(text).replaceAll("");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip();
    }

    /** The first 200 characters (code points) of the body as plain text, on one line. */
    public static String excerpt(String markdown) {
        String text = fromMarkdown(markdown).replaceAll("\\s+", " ");
        if (text.codePointCount(0, text.length()) <= EXCERPT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, EXCERPT_LENGTH));
    }
}
