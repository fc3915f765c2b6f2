package jp.kyoso.posts.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;

/**
 * The part of a text that best shows why it matched, with each match in {@code <mark>…</mark>} and the rest
 * HTML-escaped (a client can render it as HTML as it is): about {@value #FRAGMENT_CHARS} characters from a little
 * before the first match, or the beginning of the text when the match was only in the title.
 *
 * <p>The matches come from the index (their character offsets, see {@link Match}): the text is never analysed again.
 * Re-analysing a window around each hit with Kuromoji for a highlighter was about half of a search's CPU.
 */
final class Snippets {
    static final int FRAGMENT_CHARS = 100;
    /** Characters kept before the first match, so the fragment starts a little before it. */
    static final int CONTEXT_BEFORE = 20;
    private static final String OPEN = "<mark>";
    private static final String CLOSE = "</mark>";

    /** One match of the query in the text, as character offsets [start, end) into it. */
    record Match(int start, int end) {
    }

    private Snippets() {
    }

    /** @param matches the query's matches in the text, in the order of the text; empty when it did not match */
    static String snippet(String text, List<Match> matches) {
        String flat = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        List<Match> inText = matches.stream().filter(m -> m.start() >= 0 && m.end() <= flat.length()
                && m.start() < m.end()).sorted(Comparator.comparingInt(Match::start)).toList();
        if (inText.isEmpty()) {
            String start = flat.length() > FRAGMENT_CHARS
                    ? flat.substring(0, safeEnd(flat, FRAGMENT_CHARS)) + "…" : flat;
            return SimpleHTMLEncoder.htmlEncode(start);
        }
        Match first = inText.get(0);
        int start = safeStart(flat, Math.max(0, first.start() - CONTEXT_BEFORE));
        int end = safeEnd(flat, Math.min(flat.length(), Math.max(start + FRAGMENT_CHARS, first.end())));
        StringBuilder marked = new StringBuilder();
        int at = start;
        for (Match match : merged(inText)) {
            int from = Math.max(match.start(), at);
            int to = Math.min(match.end(), end);
            if (from >= to) {
                continue;
            }
            marked.append(SimpleHTMLEncoder.htmlEncode(flat.substring(at, from))).append(OPEN)
                    .append(SimpleHTMLEncoder.htmlEncode(flat.substring(from, to))).append(CLOSE);
            at = to;
        }
        marked.append(SimpleHTMLEncoder.htmlEncode(flat.substring(at, end)));
        // a match of several words (住民 + 異動 + 届) reads as one mark
        return marked.toString().replace(CLOSE + OPEN, "").strip();
    }

    /** Overlapping or touching matches as one (a word match inside a phrase match). */
    private static List<Match> merged(List<Match> sorted) {
        List<Match> merged = new ArrayList<>();
        for (Match match : sorted) {
            Match last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && match.start() <= last.end()) {
                merged.set(merged.size() - 1, new Match(last.start(), Math.max(last.end(), match.end())));
            } else {
                merged.add(match);
            }
        }
        return merged;
    }

    /** Never cuts a surrogate pair (an emoji or a rare kanji) in two. */
    private static int safeEnd(String text, int end) {
        return end < text.length() && end > 0 && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    private static int safeStart(String text, int start) {
        return start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start;
    }
}
